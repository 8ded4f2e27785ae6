// A small JSON Schema validator for the subset tool definitions and response formats use
// (type, properties, required, additionalProperties, items, enum, const, anyOf/oneOf/allOf,
// bounds, lengths, pattern, local $ref). No code generation: Workers forbid eval and
// new Function, which rules out compiled validators. Unknown keywords are ignored, so an
// exotic schema can only make the check more lenient, never fail a valid answer.
type Schema = Record<string, unknown> | boolean;

const MAX_DEPTH = 64;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === "object" || typeof node === "boolean" ? (node as Schema) : undefined;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Returns the first violation as "path: message", or undefined when the value conforms. */
export function validateJsonSchema(value: unknown, schema: Schema, root: Schema = schema): string | undefined {
  return check(value, schema, typeof root === "object" ? root : {}, "$", 0);
}

function check(
  value: unknown,
  schema: Schema,
  root: Record<string, unknown>,
  path: string,
  depth: number,
): string | undefined {
  if (schema === true) return undefined;
  if (schema === false) return `${path}: not allowed`;
  if (depth > MAX_DEPTH) return undefined;
  const s = schema;
  if (typeof s.$ref === "string") {
    const target = resolveRef(root, s.$ref);
    return target === undefined ? undefined : check(value, target, root, path, depth + 1);
  }
  if (value === null && s.nullable === true) return undefined; // OpenAPI-style nullable
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((type) => matchesType(value, type)))
      return `${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`;
  }
  if (Array.isArray(s.enum) && !s.enum.some((option) => equal(option, value)))
    return `${path}: not one of the allowed values`;
  if ("const" in s && !equal(s.const, value)) return `${path}: must equal the constant`;
  if (Array.isArray(s.allOf)) {
    for (const sub of s.allOf as Schema[]) {
      const error = check(value, sub, root, path, depth + 1);
      if (error) return error;
    }
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = s[key];
    if (Array.isArray(options) && !(options as Schema[]).some((sub) => !check(value, sub, root, path, depth + 1))) {
      return `${path}: matches none of ${key}`;
    }
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) return `${path}: below minimum`;
    if (typeof s.maximum === "number" && value > s.maximum) return `${path}: above maximum`;
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum)
      return `${path}: not above exclusiveMinimum`;
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum)
      return `${path}: not below exclusiveMaximum`;
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof s.minLength === "number" && length < s.minLength) return `${path}: shorter than minLength`;
    if (typeof s.maxLength === "number" && length > s.maxLength) return `${path}: longer than maxLength`;
    if (typeof s.pattern === "string") {
      let pattern: RegExp | undefined;
      try {
        pattern = new RegExp(s.pattern, "u");
      } catch {
        pattern = undefined; // an invalid pattern is the schema's problem, not the answer's
      }
      if (pattern && !pattern.test(value)) return `${path}: does not match pattern`;
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) return `${path}: fewer than minItems`;
    if (typeof s.maxItems === "number" && value.length > s.maxItems) return `${path}: more than maxItems`;
    if (s.items !== undefined && !Array.isArray(s.items)) {
      for (let i = 0; i < value.length; i++) {
        const error = check(value[i], s.items as Schema, root, `${path}[${i}]`, depth + 1);
        if (error) return error;
      }
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
      if (!(name in object)) return `${path}: missing required property '${name}'`;
    }
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const [name, item] of Object.entries(object)) {
      const sub = properties[name];
      if (sub !== undefined) {
        const error = check(item, sub, root, `${path}.${name}`, depth + 1);
        if (error) return error;
      } else if (s.additionalProperties !== undefined) {
        const error = check(item, s.additionalProperties as Schema, root, `${path}.${name}`, depth + 1);
        if (error) return error === `${path}.${name}: not allowed` ? `${path}: unexpected property '${name}'` : error;
      }
    }
  }
  return undefined;
}
