/*
 * Plural-Forms compiler and evaluator. A recursive-descent parser (one
 * function per C precedence level) builds nodes in a fixed array; the
 * evaluator walks them. Nothing here trusts the catalogue: every limit is
 * checked while parsing, and evaluation cannot trap.
 */
#include "core/i18n_plural.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  OP_NUM, OP_VAR, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_GT,
  OP_LE, OP_GE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND,
} plural_op_t;

typedef struct {
  plural_op_t op;
  unsigned long value; /* OP_NUM */
  int a, b, c;         /* operand node indexes */
} plural_node_t;

struct i18n_plural {
  unsigned long nplurals;
  int root;
  int count;
  plural_node_t nodes[I18N_PLURAL_MAX_NODES];
};

typedef struct {
  i18n_plural_t *pl;
  const char *s;  /* next character of the expression */
  int depth;
  char *err;
  size_t errlen;
  bool failed;
} plural_parser_t;

/* Record a parse error (the first one wins); returns -1 as a node index. */
__attribute__((format(printf, 2, 3))) static int plural_fail(plural_parser_t *ps, const char *fmt, ...)
{
  if (!ps->failed) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err, ps->errlen, fmt, ap);
    va_end(ap);
    ps->failed = true;
  }
  return -1;
}

/* Skip blanks. */
static void plural_skip(plural_parser_t *ps)
{
  while (*ps->s == ' ' || *ps->s == '\t' || *ps->s == '\n' || *ps->s == '\r')
    ps->s++;
}

/* Consume token tok if it comes next (and is not the start of a longer one). */
static bool plural_accept(plural_parser_t *ps, const char *tok)
{
  plural_skip(ps);
  size_t n = strlen(tok);
  if (strncmp(ps->s, tok, n) != 0)
    return false;
  /* "<" must not swallow "<=", "!" not "!=", "=" is never a token alone. */
  if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && ps->s[1] == '=')
    return false;
  ps->s += n;
  return true;
}

/* Append a node; -1 when the tree is full or an operand failed. */
static int plural_node(plural_parser_t *ps, plural_op_t op, unsigned long value, int a, int b, int c)
{
  if (ps->failed)
    return -1;
  if (ps->pl->count >= I18N_PLURAL_MAX_NODES)
    return plural_fail(ps, "plural expression too long");
  plural_node_t *nd = &ps->pl->nodes[ps->pl->count];
  *nd = (plural_node_t){.op = op, .value = value, .a = a, .b = b, .c = c};
  return ps->pl->count++;
}

static int plural_parse_cond(plural_parser_t *ps);

/* primary := n | NUMBER | ( cond ) ; unary := ! unary | primary */
static int plural_parse_unary(plural_parser_t *ps)
{
  if (ps->failed)
    return -1;
  if (++ps->depth > I18N_PLURAL_MAX_DEPTH)
    return plural_fail(ps, "plural expression nested too deeply");
  int node = -1;
  plural_skip(ps);
  if (plural_accept(ps, "!")) {
    int operand = plural_parse_unary(ps);
    node = plural_node(ps, OP_NOT, 0, operand, -1, -1);
  } else if (plural_accept(ps, "(")) {
    node = plural_parse_cond(ps);
    if (!plural_accept(ps, ")"))
      node = plural_fail(ps, "missing ')' in plural expression");
  } else if (*ps->s == 'n' && !isalnum((unsigned char)ps->s[1]) && ps->s[1] != '_') {
    ps->s++;
    node = plural_node(ps, OP_VAR, 0, -1, -1, -1);
  } else if (isdigit((unsigned char)*ps->s)) {
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(ps->s, &end, 10);
    if (errno)
      return plural_fail(ps, "number too large in plural expression");
    ps->s = end;
    node = plural_node(ps, OP_NUM, value, -1, -1, -1);
  } else if (*ps->s == '\0' || *ps->s == ';') {
    node = plural_fail(ps, "plural expression ends too early");
  } else {
    node = plural_fail(ps, "unexpected '%.10s' in plural expression", ps->s);
  }
  ps->depth--;
  return node;
}

typedef struct {
  const char *tok;
  plural_op_t op;
} plural_binop_t;

/* The binary operators by precedence level, tightest first. */
static const plural_binop_t plural_levels[][5] = {
  {{"*", OP_MUL}, {"/", OP_DIV}, {"%", OP_MOD}, {NULL, 0}},
  {{"+", OP_ADD}, {"-", OP_SUB}, {NULL, 0}},
  {{"<=", OP_LE}, {">=", OP_GE}, {"<", OP_LT}, {">", OP_GT}, {NULL, 0}},
  {{"==", OP_EQ}, {"!=", OP_NE}, {NULL, 0}},
  {{"&&", OP_AND}, {NULL, 0}},
  {{"||", OP_OR}, {NULL, 0}},
};
enum { PLURAL_LEVELS = sizeof plural_levels / sizeof plural_levels[0] };

/* Left-associative binary operators of one precedence level. */
static int plural_parse_binary(plural_parser_t *ps, int level)
{
  if (level < 0)
    return plural_parse_unary(ps);
  int left = plural_parse_binary(ps, level - 1);
  while (!ps->failed) {
    const plural_binop_t *found = NULL;
    for (const plural_binop_t *b = plural_levels[level]; b->tok && !found; b++)
      if (plural_accept(ps, b->tok))
        found = b;
    if (!found)
      break;
    int right = plural_parse_binary(ps, level - 1);
    left = plural_node(ps, found->op, 0, left, right, -1);
  }
  return left;
}

/* cond := or [ ? cond : cond ]  (right-associative) */
static int plural_parse_cond(plural_parser_t *ps)
{
  if (++ps->depth > I18N_PLURAL_MAX_DEPTH)
    return plural_fail(ps, "plural expression nested too deeply");
  int node = plural_parse_binary(ps, PLURAL_LEVELS - 1);
  if (!ps->failed && plural_accept(ps, "?")) {
    int then = plural_parse_cond(ps);
    if (!plural_accept(ps, ":"))
      node = plural_fail(ps, "missing ':' in plural expression");
    int otherwise = plural_parse_cond(ps);
    node = plural_node(ps, OP_COND, 0, node, then, otherwise);
  }
  ps->depth--;
  return node;
}

/* Evaluate node i for n. */
static unsigned long plural_eval_node(const i18n_plural_t *pl, int i, unsigned long n)
{
  const plural_node_t *nd = &pl->nodes[i];
  if (nd->op == OP_NUM)
    return nd->value;
  if (nd->op == OP_VAR)
    return n;
  unsigned long a = plural_eval_node(pl, nd->a, n);
  switch (nd->op) {
  case OP_NOT: return !a;
  case OP_AND: return a && plural_eval_node(pl, nd->b, n);
  case OP_OR: return a || plural_eval_node(pl, nd->b, n);
  case OP_COND: return plural_eval_node(pl, a ? nd->b : nd->c, n);
  default: break;
  }
  unsigned long b = plural_eval_node(pl, nd->b, n);
  switch (nd->op) {
  case OP_MUL: return a * b;
  case OP_DIV: return b ? a / b : 0;
  case OP_MOD: return b ? a % b : 0;
  case OP_ADD: return a + b;
  case OP_SUB: return a - b;
  case OP_LT: return a < b;
  case OP_GT: return a > b;
  case OP_LE: return a <= b;
  case OP_GE: return a >= b;
  case OP_EQ: return a == b;
  case OP_NE: return a != b;
  default: return 0;
  }
}

/* Find "key=" in a "k=v; k=v;" list; returns the text after '=' or NULL. */
static const char *plural_find_key(const char *s, const char *key)
{
  size_t n = strlen(key);
  while (*s) {
    while (*s == ' ' || *s == '\t' || *s == ';')
      s++;
    const char *name = s;
    while (isalpha((unsigned char)*s))
      s++;
    const char *after = s;
    while (*after == ' ' || *after == '\t')
      after++;
    if ((size_t)(s - name) == n && !strncmp(name, key, n) && *after == '=')
      return after + 1;
    s += strcspn(s, ";");
  }
  return NULL;
}

/* Compile a Plural-Forms value. */
i18n_plural_t *i18n_plural_parse(const char *plural_forms, char *err, size_t errlen)
{
  i18n_plural_t *pl = calloc(1, sizeof *pl);
  plural_parser_t ps = {.pl = pl, .err = err, .errlen = errlen};
  bool ok = false;
  if (!pl) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  const char *count = plural_find_key(plural_forms, "nplurals");
  const char *expr = plural_find_key(plural_forms, "plural");
  if (!count || !expr) {
    snprintf(err, errlen, "Plural-Forms needs nplurals=N; plural=EXPRESSION;");
    goto done;
  }
  char *end = NULL;
  errno = 0;
  unsigned long nplurals = strtoul(count, &end, 10);
  while (end && (*end == ' ' || *end == '\t'))
    end++;
  if (end == count || errno || (*end != ';' && *end != '\0') || nplurals < 1 ||
      nplurals > I18N_PLURAL_MAX_FORMS) {
    snprintf(err, errlen, "nplurals must be a number from 1 to %d", I18N_PLURAL_MAX_FORMS);
    goto done;
  }
  pl->nplurals = nplurals;
  ps.s = expr;
  pl->root = plural_parse_cond(&ps);
  plural_skip(&ps);
  if (!ps.failed && *ps.s != ';' && *ps.s != '\0')
    plural_fail(&ps, "unexpected '%.10s' after the plural expression", ps.s);
  if (ps.failed)
    goto done;
  for (unsigned long n = 0; n <= 1000; n++) {
    unsigned long form = plural_eval_node(pl, pl->root, n);
    if (form >= nplurals) {
      snprintf(err, errlen, "plural expression gives form %lu for n=%lu but nplurals=%lu", form,
               n, nplurals);
      goto done;
    }
  }
  ok = true;
done:
  if (!ok) {
    free(pl);
    pl = NULL;
  }
  return pl;
}

/* Free a compiled expression; accepts NULL. */
void i18n_plural_free(i18n_plural_t *pl)
{
  free(pl);
}

/* nplurals of a compiled expression. */
unsigned long i18n_plural_nforms(const i18n_plural_t *pl)
{
  return pl->nplurals;
}

/* The expression's value for n. */
unsigned long i18n_plural_value(const i18n_plural_t *pl, unsigned long n)
{
  return plural_eval_node(pl, pl->root, n);
}

/* The plural form for n, clamped to the valid range. */
unsigned long i18n_plural_eval(const i18n_plural_t *pl, unsigned long n)
{
  unsigned long form = plural_eval_node(pl, pl->root, n);
  return form < pl->nplurals ? form : 0;
}
