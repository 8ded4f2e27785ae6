// The sanity suite's DEVELOPMENT list: hand-written prompts of the same kinds as tools/research/sanity/suite.ts
// but different texts. Recipe and boundary choices that looked at hand-written prompts looked at these
// (`node tools/research/sanity/run.ts --dev`), never at the suite, so the suite stays a test. Not training data.
import type { SanityPrompt } from "./suite.ts";

const fence = "```";

export const SANITY_DEV: readonly SanityPrompt[] = [
  { tier: "simple", kind: "greeting", prompt: "hello! how's your day going?" },
  { tier: "simple", kind: "greeting", prompt: "Morning! Hope you slept well." },
  { tier: "simple", kind: "thanks", prompt: "Great, thank you very much for that." },
  { tier: "simple", kind: "chat", prompt: "ok see you later" },
  { tier: "simple", kind: "translation", prompt: "Translate 'see you next week' into Portuguese." },
  { tier: "simple", kind: "translation", prompt: "What is 'good luck' in Japanese?" },
  { tier: "simple", kind: "translation", prompt: "Translate to Dutch: the train is late again." },
  { tier: "simple", kind: "rewrite", prompt: "Make this politer: Give me the report by five." },
  { tier: "simple", kind: "rewrite", prompt: "Correct the grammar: 'She don't like apples.'" },
  { tier: "simple", kind: "rewrite", prompt: "Turn this into a title: how we cut our cloud bill in half" },
  { tier: "simple", kind: "lookup", prompt: "What's the largest planet in the solar system?" },
  { tier: "simple", kind: "lookup", prompt: "When did the Berlin Wall fall?" },
  { tier: "simple", kind: "lookup", prompt: "How many grams are in a kilogram?" },
  { tier: "simple", kind: "lookup", prompt: "What is the chemical symbol for gold?" },
  { tier: "simple", kind: "classification", prompt: "Is 'I can't wait to come back!' a happy or an angry message?" },
  { tier: "simple", kind: "classification", prompt: "Which of these is a mammal: shark, dolphin, trout?" },
  { tier: "simple", kind: "extraction", prompt: "What's the phone number in: 'Call us on 555-0142 before noon.'" },
  { tier: "simple", kind: "extraction", prompt: "List the names mentioned: Tom met Aisha and Luca at the station." },
  { tier: "simple", kind: "formatting", prompt: "Capitalise every word: the quick brown fox" },
  { tier: "simple", kind: "lookup", prompt: "What's the opposite of 'generous'?" },
  {
    tier: "simple",
    kind: "classification",
    prompt: "Tag this email as urgent or not urgent: 'Server is down, customers can't log in.'",
  },
  {
    tier: "simple",
    kind: "classification",
    prompt: "Which department should get this: 'My invoice shows the wrong address.'",
  },
  { tier: "simple", kind: "rewrite", prompt: "Correct the spelling: 'I recieved you're message yesterday.'" },
  { tier: "simple", kind: "extraction", prompt: "What time is the meeting in: 'Standup moved to 9:45 tomorrow.'" },
  { tier: "simple", kind: "lookup", prompt: "How many hours are in a week?" },
  { tier: "simple", kind: "formatting", prompt: "Sort alphabetically: zebra, lion, cat" },
  { tier: "simple", kind: "classification", prompt: "What language is this: 'Dónde está la biblioteca?'" },
  { tier: "simple", kind: "rewrite", prompt: "Make this more casual: 'Please find attached the requested document.'" },
  {
    tier: "complex",
    kind: "proof",
    prompt: "Prove that the sum of the angles of a triangle in the Euclidean plane is 180 degrees.",
  },
  { tier: "complex", kind: "proof", prompt: "Prove that every bounded monotone sequence of real numbers converges." },
  { tier: "complex", kind: "proof", prompt: "Show that there is no rational number whose square is 3." },
  {
    tier: "complex",
    kind: "derivation",
    prompt: "Derive the formula for the variance of a binomial random variable from first principles.",
  },
  {
    tier: "complex",
    kind: "derivation",
    prompt: "Derive the Euler–Lagrange equation from the principle of stationary action.",
  },
  {
    tier: "complex",
    kind: "system design",
    prompt:
      "Design a URL shortener that handles 50k writes per second across three regions; discuss ID generation, caching, consistency and what happens when a region goes down.",
  },
  {
    tier: "complex",
    kind: "system design",
    prompt:
      "Architect an event-sourced order management system; compare storing snapshots against replaying events and analyse the failure modes of the projection workers.",
  },
  {
    tier: "complex",
    kind: "refactoring",
    prompt: `Refactor this class so that it is testable, separate I/O from logic, and explain your choices.

${fence}python
class ReportJob:
    def run(self):
        rows = requests.get("https://api.example.com/sales").json()
        total = sum(r["amount"] for r in rows if r["status"] == "paid")
        with open("/var/reports/today.txt", "w") as f:
            f.write(f"Total: {total}\\n")
        smtplib.SMTP("mail").sendmail("bot@x", ["boss@x"], f"Total {total}")
${fence}`,
  },
  {
    tier: "complex",
    kind: "debugging",
    prompt: `Why does this fail intermittently in CI, and how do I fix it properly?

${fence}
Traceback (most recent call last):
  File "/app/tests/test_sync.py", line 88, in test_parallel_upload
    assert store.count() == 200
AssertionError: assert 197 == 200
${fence}

The uploader uses a ThreadPoolExecutor with 8 workers that each append to a shared list before a final bulk insert.`,
  },
  {
    tier: "complex",
    kind: "hard code",
    prompt:
      "Implement a B-tree with insertion and deletion in Java, keep every node between t-1 and 2t-1 keys, and explain how deletion rebalances with borrowing and merging.",
  },
  {
    tier: "complex",
    kind: "algorithms",
    prompt:
      "Give an O(n log n) algorithm for the longest increasing subsequence, prove it correct and show how to reconstruct the sequence itself.",
  },
  {
    tier: "complex",
    kind: "analysis",
    prompt:
      "Write a detailed 2,500-word report comparing carbon taxes with cap-and-trade, covering efficiency, distributional effects and political feasibility, with evidence from at least three countries.",
  },
  {
    tier: "complex",
    kind: "maths",
    prompt:
      "Evaluate the integral of x^2 e^{-x} from 0 to infinity and justify the convergence of the improper integral.",
  },
  {
    tier: "complex",
    kind: "analysis",
    prompt:
      "Critically evaluate the identification strategy of a difference-in-differences study of minimum-wage effects when treated and control states had different pre-trends, and propose robustness checks.",
  },
  {
    tier: "moderate",
    kind: "code",
    prompt: "Write a JavaScript function that removes duplicate objects from an array by their id field.",
  },
  { tier: "moderate", kind: "explanation", prompt: "Explain what DNS does when I type a web address into my browser." },
  { tier: "moderate", kind: "writing", prompt: "Write a 200-word product description for a reusable water bottle." },
  {
    tier: "moderate",
    kind: "summary",
    prompt: "Summarise the pros and cons of nuclear power in a short paragraph each.",
  },
  { tier: "moderate", kind: "advice", prompt: "How should I structure a README for a small open-source library?" },
  {
    tier: "moderate",
    kind: "code",
    prompt: "Write a regular expression that matches UK postcodes and explain each part of it.",
  },
  { tier: "moderate", kind: "creative", prompt: "Write a poem of four stanzas about moving to a new city." },
  {
    tier: "moderate",
    kind: "explanation",
    prompt: "Explain the difference between a stock and a bond for a beginner.",
  },
];
