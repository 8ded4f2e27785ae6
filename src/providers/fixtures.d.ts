// Recorded SSE transcripts are imported as text (Vite's ?raw).
declare module "*.sse?raw" {
  const text: string;
  export default text;
}
