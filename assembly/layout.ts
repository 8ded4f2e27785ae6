// The feature vector's layout: one index per feature, and the names in the same
// order (the topic features' names excepted: see F_TOPIC_FIRST). The names are exported from the wasm (featureNamesPtr/Len), so the
// host and the fitted weights are checked against this list, the one source of truth.

// Prompt size (script-aware token estimate).
export const F_LOG_TOKENS: i32 = 0;
export const F_LOG_CONTEXT_TOKENS: i32 = 1;
export const F_LONG_WORD_RATIO: i32 = 2;
export const F_LOG_SENTENCES: i32 = 3;
export const F_LOG_LINES: i32 = 4;
// Questions, structure and constraints.
export const F_LOG_QUESTION_MARKS: i32 = 5;
export const F_LOG_QUESTION_WORDS: i32 = 6;
export const F_LOG_LIST_ITEMS: i32 = 7;
export const F_LOG_CHOICES: i32 = 8;
export const F_LOG_CONSTRAINTS: i32 = 9;
// Task cues.
export const F_LOG_REASONING: i32 = 10;
export const F_LOG_SIMPLE: i32 = 11;
export const F_LOG_CREATIVE: i32 = 12;
export const F_LOG_SHORT_CUES: i32 = 13;
export const F_LOG_LONG_CUES: i32 = 14;
export const F_LOG_REQUESTED_WORDS: i32 = 15;
export const F_LOG_STRUCTURED: i32 = 16;
// Code.
export const F_CODE_FENCES: i32 = 17;
export const F_LOG_CODE_WORDS: i32 = 18;
export const F_CODE_SYMBOL_DENSITY: i32 = 19;
export const F_LOG_CODE_LINES: i32 = 20;
export const F_LOG_STACK_TRACE: i32 = 21;
export const F_LOG_DIFF_LINES: i32 = 22;
export const F_IDENTIFIER_RATIO: i32 = 23;
// Maths.
export const F_LOG_LATEX: i32 = 24;
export const F_MATH_OP_DENSITY: i32 = 25;
export const F_LOG_EQUATIONS: i32 = 26;
export const F_LOG_NUMBERS: i32 = 27;
export const F_NUMBER_DENSITY: i32 = 28;
export const F_LOG_MATH_WORDS: i32 = 29;
// Domains.
export const F_LOG_LAW: i32 = 30;
export const F_LOG_MEDICINE: i32 = 31;
export const F_LOG_FINANCE: i32 = 32;
export const F_LOG_SCIENCE: i32 = 33;
export const F_LOG_COMPUTING: i32 = 34;
export const F_LOG_ETHICS_LOGIC: i32 = 35;
export const F_LOG_HUMANITIES: i32 = 36;
// Scripts and languages.
export const F_CJK_RATIO: i32 = 37;
export const F_OTHER_SCRIPT_RATIO: i32 = 38;
export const F_SYMBOL_RATIO: i32 = 39;
export const F_LOG_SCRIPT_SWITCHES: i32 = 40;
export const F_ENGLISH_RATIO: i32 = 41;
// Request-level facts from the host.
export const F_REQ_TOOLS: i32 = 42;
export const F_REQ_IMAGES: i32 = 43;
export const F_REQ_JSON: i32 = 44;
export const F_REQ_JSON_SCHEMA: i32 = 45;
export const F_LOG_MAX_TOKENS: i32 = 46;
export const F_LOG_TURNS: i32 = 47;
// Size that padding cannot inflate: new-content tokens of the sentences that state a quantity.
export const F_LOG_QUANTITY_TOKENS: i32 = 48;
// Task topics (topics.ts): weighted mean topic shares of the prompt's words, in assembly/topics.txt order.
// Their names (topic_<name>) come from that file, not from FEATURE_NAMES: the wasm knows only their count.
export const F_TOPIC_FIRST: i32 = 49;

export const FEATURE_COUNT: i32 = 64;

// One literal (continued with "\" across lines): AssemblyScript does not fold "a" + "b" at compile
// time, so a concatenation would cost String.__concat and an allocation at start-up.
export const FEATURE_NAMES: string =
  "log_tokens,log_context_tokens,long_word_ratio,log_sentences,log_lines,\
log_question_marks,log_question_words,log_list_items,log_choices,log_constraints,\
log_reasoning,log_simple,log_creative,log_short_cues,log_long_cues,log_requested_words,log_structured,\
code_fences,log_code_words,code_symbol_density,log_code_lines,log_stack_trace,log_diff_lines,identifier_ratio,\
log_latex,math_op_density,log_equations,log_numbers,number_density,log_math_words,\
log_law,log_medicine,log_finance,log_science,log_computing,log_ethics_logic,log_humanities,\
cjk_ratio,other_script_ratio,symbol_ratio,log_script_switches,english_ratio,\
req_tools,req_images,req_json,req_json_schema,log_max_tokens,log_turns,\
log_quantity_tokens";

// Request flags (bit set passed by the host).
export const FLAG_TOOLS: i32 = 1;
export const FLAG_IMAGES: i32 = 2;
export const FLAG_JSON: i32 = 4;
export const FLAG_JSON_SCHEMA: i32 = 8;
