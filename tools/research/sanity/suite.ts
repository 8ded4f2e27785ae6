// The routing sanity suite: hand-written prompts (written for this project, from no dataset), each
// with the tier a reasonable operator would expect. It is a TEST set only: no training or tuning
// step reads it (tuning decisions used tools/research/sanity/dev-prompts.ts and split-"train" data).
// The seven "reported" prompts are the product failure that started this suite (every one routed
// "simple" before the prompt-only groups were added; docs/router-model.md).
//   clearly simple   greetings, thanks, short translations, one-line rewrites, lookups, labelling
//   clearly complex  proofs, derivations, system design, multi-file refactoring, debugging a
//                    stack trace, long analysis with constraints
//   moderate         everyday tasks in between (asserted only loosely: see the test)
export type SanityTier = "simple" | "moderate" | "complex";

export interface SanityPrompt {
  tier: SanityTier;
  kind: string;
  prompt: string;
  /** One of the prompts reported as routed "simple" before the prompt-only groups existed. */
  reported?: true;
}

const fence = "```";

export const SANITY_SUITE: readonly SanityPrompt[] = [
  // Clearly simple.
  { tier: "simple", kind: "greeting", prompt: "Hi! Hope your week is going well." },
  { tier: "simple", kind: "greeting", prompt: "Good evening :) are you there?" },
  { tier: "simple", kind: "thanks", prompt: "Thanks so much, that fixed it." },
  { tier: "simple", kind: "thanks", prompt: "Perfect, appreciate the quick answer!" },
  { tier: "simple", kind: "chat", prompt: "Good night, talk to you tomorrow." },
  { tier: "simple", kind: "translation", prompt: "Translate 'good morning' into French.", reported: true },
  { tier: "simple", kind: "translation", prompt: "Translate 'I would like a coffee, please' into Italian." },
  { tier: "simple", kind: "translation", prompt: "How do you say 'thank you for your help' in German?" },
  { tier: "simple", kind: "translation", prompt: "What's the Spanish word for 'library'?" },
  { tier: "simple", kind: "rewrite", prompt: "Rewrite this so it sounds more formal: hey, can u send me the file?" },
  {
    tier: "simple",
    kind: "rewrite",
    prompt: "Make this shorter: We are writing to let you know that your order has been shipped today.",
  },
  { tier: "simple", kind: "rewrite", prompt: "Fix the typos: 'Their going to the park tomorow.'" },
  { tier: "simple", kind: "lookup", prompt: "What is the capital of Canada?" },
  { tier: "simple", kind: "lookup", prompt: "Who wrote Pride and Prejudice?" },
  { tier: "simple", kind: "lookup", prompt: "How many days are there in a leap year?" },
  { tier: "simple", kind: "lookup", prompt: "What does ASAP stand for?" },
  { tier: "simple", kind: "lookup", prompt: "Which time zone is Tokyo in?" },
  {
    tier: "simple",
    kind: "classification",
    prompt: "Is this review positive or negative? 'The battery died after two days.'",
  },
  {
    tier: "simple",
    kind: "classification",
    prompt: "Label this support ticket as billing, technical or account: 'I was charged twice this month.'",
  },
  {
    tier: "simple",
    kind: "extraction",
    prompt: "Extract the email address from this text: Contact Maria at maria.lopez@example.com for details.",
  },
  { tier: "simple", kind: "extraction", prompt: "Pull out the date from: 'Your appointment is on 14 March at 10:30.'" },
  { tier: "simple", kind: "lookup", prompt: "Give me a synonym for 'happy'." },
  { tier: "simple", kind: "formatting", prompt: "Put these in alphabetical order: pear, apple, mango, banana." },
  {
    tier: "simple",
    kind: "summary",
    prompt: "Summarise in one sentence: the meeting moved from Tuesday to Thursday because the projector broke.",
  },
  // Clearly complex.
  { tier: "complex", kind: "proof", prompt: "Prove that there are infinitely many primes.", reported: true },
  {
    tier: "complex",
    kind: "proof",
    prompt: "Prove that the square root of 2 is irrational, step by step.",
    reported: true,
  },
  {
    tier: "complex",
    kind: "derivation",
    prompt: "Derive the closed form of the sum of k^2 for k=1..n and prove it by induction.",
    reported: true,
  },
  {
    tier: "complex",
    kind: "system design",
    prompt:
      "Design a distributed rate limiter for a global API with 1M rps; compare token bucket vs sliding window and analyse failure modes.",
    reported: true,
  },
  {
    tier: "complex",
    kind: "refactoring",
    reported: true,
    prompt: `Refactor this module to use dependency injection and explain the trade-offs.

${fence}ts
import { Pool } from "pg";
import { sendEmail } from "./mailer";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function registerUser(email: string, name: string) {
  const existing = await pool.query("select id from users where email = $1", [email]);
  if (existing.rowCount) throw new Error("already registered");
  const { rows } = await pool.query("insert into users(email, name) values ($1, $2) returning id", [email, name]);
  await sendEmail(email, "Welcome!", \`Hello \${name}\`);
  return rows[0].id;
}
${fence}`,
  },
  {
    tier: "complex",
    kind: "proof",
    prompt: "Let G be a group of order p^2 where p is prime. Prove that G is abelian.",
  },
  {
    tier: "complex",
    kind: "proof",
    prompt:
      "Show that every continuous function on a closed interval [a, b] is bounded and attains its maximum, and explain exactly where completeness of the reals is used.",
  },
  {
    tier: "complex",
    kind: "derivation",
    prompt:
      "Derive the posterior distribution of the mean for a normal likelihood with known variance and a normal prior, and show how the posterior mean weighs the prior against the data as n grows.",
  },
  {
    tier: "complex",
    kind: "maths",
    prompt: "Find all real solutions of x^2 + y^2 = 25 and xy = 12, and prove that there are no others.",
  },
  {
    tier: "complex",
    kind: "maths",
    prompt:
      "Solve y'' + 4y' + 4y = e^{-2x} sin x with y(0) = 0 and y'(0) = 1, showing each step, and verify the result.",
  },
  {
    tier: "complex",
    kind: "system design",
    prompt:
      "Design the data model and API for a multi-tenant SaaS billing system with usage-based pricing, proration on plan changes and invoices in several currencies. Discuss the consistency guarantees you need and how you would migrate existing customers without downtime.",
  },
  {
    tier: "complex",
    kind: "system design",
    prompt:
      "Compare Raft-based replication with Dynamo-style leaderless replication, and analyse what each does during a network partition that isolates the current leader, including what clients observe.",
  },
  {
    tier: "complex",
    kind: "debugging",
    prompt: `Our Node service crashes under load with this trace. Find the root cause and propose a fix.

${fence}
FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
 1: 0xb090e0 node::Abort() [node]
 2: 0xa1b70e  [node]
 3: 0xce19d0 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, bool) [node]
<--- JS stacktrace --->
    at Map.set (<anonymous>)
    at SessionCache.remember (/app/dist/cache/session-cache.js:41:18)
    at /app/dist/routes/login.js:77:24
    at processTicksAndRejections (node:internal/process/task_queues:95:5)
${fence}

The cache is a module-level Map keyed by session id; sessions expire after 30 minutes.`,
  },
  {
    tier: "complex",
    kind: "debugging",
    prompt: `This Go program sometimes deadlocks. Explain why, and fix it without removing the worker pool.

${fence}go
func process(jobs []Job) []Result {
	results := make(chan Result)
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			results <- run(j)
		}(j)
	}
	wg.Wait()
	close(results)
	var out []Result
	for r := range results {
		out = append(out, r)
	}
	return out
}
${fence}

fatal error: all goroutines are asleep - deadlock!`,
  },
  {
    tier: "complex",
    kind: "refactoring",
    prompt: `Split this Express app into routes, a service layer and a repository layer across separate files, keep the behaviour identical, and show every new file.

${fence}js
// server.js
const express = require("express");
const db = require("./db");
const app = express();
app.use(express.json());
app.get("/orders/:id", async (req, res) => {
  const order = await db.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
  if (!order.rows.length) return res.status(404).end();
  const items = await db.query("SELECT * FROM items WHERE order_id = $1", [req.params.id]);
  res.json({ ...order.rows[0], items: items.rows });
});
app.post("/orders", async (req, res) => {
  const { customerId, items } = req.body;
  const { rows } = await db.query("INSERT INTO orders(customer_id) VALUES ($1) RETURNING id", [customerId]);
  for (const it of items) await db.query("INSERT INTO items(order_id, sku, qty) VALUES ($1, $2, $3)", [rows[0].id, it.sku, it.qty]);
  res.status(201).json({ id: rows[0].id });
});
app.listen(3000);
${fence}`,
  },
  {
    tier: "complex",
    kind: "hard code",
    prompt:
      "Implement a lock-free single-producer single-consumer ring buffer in C++ with std::atomic, justify each memory ordering you use, and argue why it can neither lose nor duplicate elements.",
  },
  {
    tier: "complex",
    kind: "hard code",
    prompt:
      "Write a tokenizer, a recursive-descent parser with operator precedence and an evaluator for a small expression language in Rust, with helpful error messages and recovery after syntax errors.",
  },
  {
    tier: "complex",
    kind: "hard code",
    prompt:
      "Write a concurrent web crawler in Go with a per-domain rate limit, robots.txt support, graceful shutdown on SIGINT and unit tests, and explain how you avoid fetching the same URL twice.",
  },
  {
    tier: "complex",
    kind: "algorithms",
    prompt:
      "Analyse the time and space complexity of Dijkstra's algorithm with a binary heap versus a Fibonacci heap, and prove that the algorithm is correct for non-negative edge weights.",
  },
  {
    tier: "complex",
    kind: "analysis",
    prompt:
      "Write a 3,000-word analysis of how central-bank interest-rate policy affected housing markets in the US, the UK and Japan between 2008 and 2023. Use one section per country, explain the transmission mechanisms, and give the strongest counterarguments to your conclusions.",
  },
  {
    tier: "complex",
    kind: "analysis",
    prompt:
      "Design an experiment to test whether a new onboarding flow raises 30-day retention: state the hypotheses, do a power analysis for a 2-point lift from a 40% baseline, choose the randomisation unit, and explain how you would handle novelty effects and multiple comparisons.",
  },
  {
    tier: "complex",
    kind: "analysis",
    prompt:
      "Analyse whether a 24-month non-compete clause covering all of Europe would be enforceable under German and French employment law, and draft a narrower clause that is more likely to hold, justifying each restriction.",
  },
  {
    tier: "complex",
    kind: "debugging",
    prompt:
      "Our Kubernetes pods running a Java service get OOMKilled every few hours although -Xmx is 2g and the container limit is 3Gi. Heap graphs look flat. List the plausible causes (metaspace, direct buffers, thread stacks, glibc arenas…), how to confirm each one with concrete commands, and the fix for each.",
  },
  {
    tier: "complex",
    kind: "proof",
    prompt:
      "State and prove the Cauchy–Schwarz inequality for real inner product spaces, then use it to show that the correlation coefficient lies between -1 and 1.",
  },
  // Moderate: everyday tasks with some substance.
  {
    tier: "moderate",
    kind: "code",
    prompt: "Write a Python function that checks whether a string is a palindrome, ignoring punctuation and case.",
  },
  { tier: "moderate", kind: "explanation", prompt: "Explain the difference between a process and a thread." },
  {
    tier: "moderate",
    kind: "writing",
    prompt: "Write a cover letter of about 250 words for a junior accountant position at a mid-sized firm.",
  },
  {
    tier: "moderate",
    kind: "summary",
    prompt: "Summarise the main arguments for and against a four-day working week.",
  },
  {
    tier: "moderate",
    kind: "advice",
    prompt: "When should I use a message queue instead of direct HTTP calls between two services?",
  },
  {
    tier: "moderate",
    kind: "planning",
    prompt: "Make a weekly vegetarian meal plan for a family of four, with a shopping list grouped by aisle.",
  },
  {
    tier: "moderate",
    kind: "code",
    prompt: "Write a SQL query that returns the second-highest salary in each department.",
  },
  {
    tier: "moderate",
    kind: "explanation",
    prompt: "Explain how compound interest works, with a worked example of $1,000 at 5% a year over 10 years.",
  },
  {
    tier: "moderate",
    kind: "creative",
    prompt: "Write a short story of about 500 words about a lighthouse keeper who finds a message in a bottle.",
  },
  {
    tier: "moderate",
    kind: "advice",
    prompt: "What are the pros and cons of TypeScript over plain JavaScript for a medium-sized web project?",
  },
  {
    tier: "moderate",
    kind: "explanation",
    prompt: "What is a p-value, and what is the most common way people misinterpret it?",
  },
  {
    tier: "moderate",
    kind: "code",
    prompt: "Write a bash script that renames every .jpeg file in a folder to .jpg and skips files that already exist.",
  },
];
