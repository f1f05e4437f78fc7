/* parser.y — the .zi grammar (docs/language.md §2): a pure bison parser with locations.
 *
 * Actions are one line: they call the builders in build.c with the location. Error recovery happens at
 * block boundaries — a bad declaration, member, input or condition is skipped up to the next keyword, line end
 * or closing brace — so one run reports every syntax error of a file. Precedence is expressed by the
 * layering of the expression rules, not by %left/%right, and %expect 0 keeps the grammar free of conflicts:
 * raise no conflict count, restructure the rule instead. */

%require "3.8"
%define api.pure full
%define api.prefix {ziyy}
%define api.token.prefix {ZI_TOK_}
%define api.location.type {struct zi_span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {void *scanner}
%parse-param {struct zi_parse_context *ctx}

%code requires {
#include "parse.h"
#include "testfile.h"
}

%code provides {
/* flex's bison-bridge speaks of YYSTYPE/YYLTYPE; with api.prefix bison names them ZIYY… */
#define YYSTYPE ZIYYSTYPE
#define YYLTYPE ZIYYLTYPE
int ziyylex(ZIYYSTYPE *yylval, ZIYYLTYPE *yylloc, void *scanner);
}

%code {
#include <stdlib.h>
#include <string.h>

static void ziyyerror(ZIYYLTYPE *loc, void *scanner, struct zi_parse_context *ctx, const char *message);

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                                          \
    do {                                                                                                     \
        if (N) {                                                                                             \
            (Cur).begin = YYRHSLOC(Rhs, 1).begin;                                                            \
            (Cur).end = YYRHSLOC(Rhs, N).end;                                                                \
        } else {                                                                                             \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end;                                                  \
        }                                                                                                    \
    } while (0)

static struct zi_name no_name(void) { struct zi_name n = {0}; return n; }
static struct zi_string no_string(void) { struct zi_string s = {0}; return s; }
static struct zi_range no_range(void) { struct zi_range r = {0}; return r; }
static struct zi_item_options no_options(void)
{
    struct zi_item_options o = {0};
    o.missing = ZI_POLICY_DEFAULT;
    return o;
}
static struct zi_range make_range(double lo, double hi, struct zi_span span)
{
    struct zi_range r = {true, lo, hi, span};
    return r;
}
}

%union {
    double number;
    bool flag;
    int op;
    struct zi_name name;
    struct zi_string string;
    struct zi_path path;
    struct zi_path_list paths;
    struct zi_expr *expr;
    struct zi_arg_list args;
    struct zi_entry_list entries;
    struct zi_member_list members;
    struct zi_group *group;
    struct zi_item *item;
    struct zi_item_options options;
    struct zi_range range;
    struct zi_score_body body;
    struct zi_condition *condition;
    struct zi_condition_list conditions;
    struct zi_condition_edit_list condition_edits;
    struct zi_condition_edit *condition_edit;
    struct zi_spelling_list spellings;
    struct zi_value_list values;
    struct zi_fact_list facts;
    struct zi_test_line *test_line;
    struct zi_test_line_list test_lines;
}

%token <name> IDENT "identifier"
%token <number> NUMBER "number"
%token <string> STRING "string"
%token SEP "end of line"
%token CRITERIA "criteria" REGULATION "regulation" MISSING "missing" SCALE "scale" GROUP "group"
%token RELATIVE "relative" QUESTION "question" SCORE "score" INPUT "input" REQUIRE "require" LET "let"
%token VIEW "view" VERDICT "verdict" OTHERWISE "otherwise" WEIGHT "weight" IN "in" ALL "all"
%token IF "if" THEN "then" ELSE "else" AND "and" OR "or" NOT "not" TRUE "true" FALSE "false"
%token ZERO "zero" EXCLUDE "exclude" ERROR_KW "error"
%token NUMBERING "numbering"
%token LANGUAGE "language"
%token EXTENDS "extends" REPLACE "replace" REMOVE "remove" ADD "add" WITH "with" TO "to" IN_EDIT "in verdict"
/* `replace question …` at the top level, then `missing`: the option is the question's, as within a group (the
 * criteria's own `missing` goes before it). */
%precedence ITEM_END
%precedence MISSING
%token GRADE "grade" CATEGORY "category" FACTS "facts" FACT "fact" PREREQUISITES "prerequisites"
%token RELAXATION "relaxation"
%token GE ">=" GT ">" LE "<=" LT "<" EQ "==" NE "!="
/* A tests file's words (testfile.h): keywords in a tests file only (scanner.l, test_keyword). TESTS_FILE is
 * the token the scanner gives first when it reads a tests file, so one grammar reads both kinds of file. */
%token TESTS "tests" CASE "case" LIKE "like" BEST "best" WORST "worst" ROW "row" OF "of"
%token PROPOSABLE "proposable" FAILS "fails" PASSES "passes" TESTS_FILE "a tests file"

%type <name> opt_name
%type <string> opt_string
%type <number> signed
%type <flag> opt_relative
%type <op> policy cmpop
%type <path> path
%type <paths> view_paths
%type <expr> expr or_expr and_expr not_expr cmp_expr sum product unary primary opt_score
%type <args> args
%type <entries> scale_entries
%type <members> members
%type <group> group
%type <item> question score
%type <options> item_options
%type <range> opt_range opt_weight
%type <body> score_body
%type <condition> condition
%type <conditions> conditions verdict_body
%type <string> opt_extends
%type <op> remove_kind
%type <condition_edits> condition_edits condition_edit_list
%type <condition_edit> condition_edit
%type <spellings> spellings
%type <values> grade_values category_values
%type <facts> fact_list
%type <args> strings
%type <condition> prerequisite
%type <conditions> prerequisites prerequisites_body
%type <test_line> test_line test_key
%type <test_lines> test_lines test_line_list
%type <string> opt_like

%%

file
    : CRITERIA IDENT opt_string opt_extends '{' decls '}' { zi_add_header(ctx, $2, $3, $4, @$); }
    | TESTS_FILE tests_file
    ;

/* A block whose header is broken is skipped up to its own closing brace (scales, verdicts and score blocks
 * hold no inner braces; a group's members are still read), so the rest of the file is read at the right depth
 * and its errors are reported at once (yyerrok: the skipped block is over). */
decls
    : %empty
    | decls decl
    | decls error                               { ctx->replacing = false; }
    | decls GROUP error '{' members '}'         { yyerrok; }
    | decls SCALE error '}'                     { yyerrok; }
    | decls VERDICT error '}'                   { yyerrok; }
    | decls fact_decl
    | decls GRADE error '}'                     { yyerrok; }
    | decls CATEGORY error '}'                  { yyerrok; }
    | decls FACTS error '}'                     { yyerrok; }
    | decls PREREQUISITES error '}'             { yyerrok; }
    ;

decl
    : REGULATION STRING                         { zi_add_regulation(ctx, $2, @$); }
    | MISSING policy                            { zi_add_missing(ctx, $2, @$); }
    | NUMBERING IDENT                           { zi_add_numbering(ctx, $2, @$); }
    | LANGUAGE IDENT                            { zi_add_language(ctx, $2, @$); }
    | group                                     { zi_add_group(ctx, $1); }
    | named_decl
    | edit
    ;

/* The declarations `replace` can name by their name alone. */
named_decl
    : SCALE IDENT opt_string '{' scale_entries opt_comma '}' { zi_add_scale(ctx, $2, $3, $5, @$); }
    | LET IDENT opt_string '=' expr             { zi_add_let(ctx, $2, $3, $5, @$); }
    | VIEW IDENT opt_string '=' view_paths      { zi_add_view(ctx, $2, $3, $5, @$); }
    | VERDICT IDENT opt_string '{' verdict_body '}' { zi_add_verdict(ctx, $2, $3, $5, false, @$); }
    | OTHERWISE IDENT opt_string                { struct zi_condition_list none = {0}; zi_add_verdict(ctx, $2, $3, none, true, @$); }
    ;

/* ---- Rule sets that build on each other: `extends` and the edits of a base (compiler/merge.c) ---------------
 * A `replace` of a named declaration parses it as usual; the builders file it as an edit instead of a new
 * declaration while ctx->replacing is set. */
opt_extends
    : %empty                                    { $$ = no_string(); }
    | EXTENDS STRING                            { $$ = $2; }
    ;

edit
    : REPLACE                                   { zi_begin_replace(ctx, @1); }
      replaceable
    | REPLACE GROUP path opt_string opt_weight opt_relative '{' members '}'
                                                { zi_add_replace_group(ctx, $3, $4, $5, $6, $8, @$); }
    | REPLACE question                          { zi_add_replace_item(ctx, $2, @$); }
    | REPLACE score                             { zi_add_replace_item(ctx, $2, @$); }
    | REPLACE WEIGHT path NUMBER                { zi_add_replace_weight(ctx, $3, no_string(), $4, @4, @$); }
    | REPLACE WEIGHT STRING NUMBER              { struct zi_path none = {0}; zi_add_replace_weight(ctx, none, $3, $4, @4, @$); }
    | REMOVE remove_kind path                   { zi_add_remove(ctx, $2, $3, no_string(), @$); }
    | REMOVE remove_kind STRING                 { struct zi_path none = {0}; zi_add_remove(ctx, $2, none, $3, @$); }
    | ADD TO path '{' members '}'               { zi_add_to(ctx, $3, $5, @$); }
    | IN_EDIT VERDICT IDENT '{' condition_edits '}' { zi_add_condition_edits(ctx, ZI_DECL_VERDICT, $3, $5, @$); }
    | IN_EDIT PREREQUISITES IDENT '{' condition_edits '}'
                                                { zi_add_condition_edits(ctx, ZI_DECL_PREREQUISITES, $3, $5, @$); }
    ;

replaceable
    : named_decl
    | fact_decl
    ;

remove_kind
    : SCALE                                     { $$ = ZI_DECL_SCALE; }
    | GROUP                                     { $$ = ZI_DECL_GROUP; }
    | LET                                       { $$ = ZI_DECL_LET; }
    | VIEW                                      { $$ = ZI_DECL_VIEW; }
    | VERDICT                                   { $$ = ZI_DECL_VERDICT; }
    | GRADE                                     { $$ = ZI_DECL_GRADE; }
    | CATEGORY                                  { $$ = ZI_DECL_CATEGORY; }
    | FACTS                                     { $$ = ZI_DECL_FACTS; }
    | PREREQUISITES                             { $$ = ZI_DECL_PREREQUISITES; }
    | QUESTION                                  { $$ = ZI_DECL_ITEM; }
    | SCORE                                     { $$ = ZI_DECL_ITEM; }
    | IDENT                                     { $$ = zi_build_remove_kind(ctx, $1); }
    ;

condition_edits
    : %empty                                    { struct zi_condition_edit_list none = {0}; $$ = none; }
    | condition_edit_list
    | condition_edit_list seps
    ;

condition_edit_list
    : condition_edit                            { struct zi_condition_edit_list none = {0}; $$ = zi_build_condition_edit(none, $1); }
    | condition_edit_list seps condition_edit   { $$ = zi_build_condition_edit($1, $3); }
    ;

/* In a prerequisites block a condition may carry its name and be a relaxation's (`prerequisite`); in a verdict
 * neither (zi_add_condition_edits says so). */
condition_edit
    : REPLACE prerequisite WITH prerequisite    { $$ = zi_build_condition_change(ctx, ZI_COND_REPLACE, $2, $4, @$); }
    | ADD prerequisite                          { $$ = zi_build_condition_change(ctx, ZI_COND_ADD, NULL, $2, @$); }
    | REMOVE prerequisite                       { $$ = zi_build_condition_change(ctx, ZI_COND_REMOVE, $2, NULL, @$); }
    | error                                     { $$ = NULL; }
    ;
/* ---- end of `extends` and edits ---------------------------------------------------------------------------- */
/* ---- Facts, grades, categories and prerequisites (build_facts.c; docs/language.md §3) ---------------------- */

fact_decl
    : GRADE IDENT opt_string '{' grade_values '}' { zi_add_labels(ctx, $2, $3, $5, true, @$); }
    | CATEGORY IDENT opt_string '{' category_values opt_comma '}' { zi_add_labels(ctx, $2, $3, $5, false, @$); }
    | FACTS IDENT opt_string '{' fact_list '}'  { zi_add_facts(ctx, $2, $3, $5, @$); }
    | PREREQUISITES IDENT opt_string '{' prerequisites_body '}' { zi_add_prerequisites(ctx, $2, $3, $5, @$); }
    ;

/* "kl" | "Kementerian/Lembaga": a value's name, then the other spellings data may use. */
spellings
    : STRING                                    { struct zi_spelling_list none = {0}; $$ = zi_build_spelling(ctx, none, $1); }
    | spellings '|' STRING                      { $$ = zi_build_spelling(ctx, $1, $3); }
    ;

grade_values
    : spellings                                 { struct zi_value_list none = {0}; $$ = zi_build_label_value(ctx, none, $1); }
    | grade_values GT spellings                 { $$ = zi_build_label_value(ctx, $1, $3); }
    ;

category_values
    : spellings                                 { struct zi_value_list none = {0}; $$ = zi_build_label_value(ctx, none, $1); }
    | category_values ',' spellings             { $$ = zi_build_label_value(ctx, $1, $3); }
    ;

fact_list
    : %empty                                    { struct zi_fact_list none = {0}; $$ = none; }
    | fact_list FACT IDENT opt_string ':' IDENT opt_range { $$ = zi_build_fact(ctx, $1, $3, $4, $6, $7, @$); }
    | fact_list SEP                             { $$ = $1; } /* a ';' between facts on one line */
    | fact_list error                           { $$ = $1; }
    ;

/* Lines as in a verdict (a line end or ';' between them), each optionally named by a string after it. */
prerequisites_body
    : %empty                                    { struct zi_condition_list none = {0}; $$ = none; }
    | prerequisites
    | prerequisites seps
    ;

prerequisites
    : prerequisite                              { struct zi_condition_list none = {0}; $$ = zi_build_condition(none, $1); }
    | prerequisites seps prerequisite           { $$ = zi_build_condition($1, $3); }
    ;

prerequisite
    : condition opt_string                      { $$ = zi_build_prerequisite($1, $2, false); }
    | RELAXATION condition opt_string           { $$ = zi_build_prerequisite($2, $3, true); }
    ;

strings
    : STRING                                    { struct zi_arg_list none = {0}; $$ = zi_build_arg(none, zi_build_string(ctx, $1)); }
    | strings ',' STRING                        { $$ = zi_build_arg($1, zi_build_string(ctx, $3)); }
    ;

/* ---- end of facts ------------------------------------------------------------------------------------------- */

policy
    : ZERO                                      { $$ = ZI_POLICY_ZERO; }
    | EXCLUDE                                   { $$ = ZI_POLICY_EXCLUDE; }
    | ERROR_KW                                  { $$ = ZI_POLICY_ERROR; }
    ;

opt_string
    : %empty                                    { $$ = no_string(); }
    | STRING
    ;

opt_name
    : %empty                                    { $$ = no_name(); }
    | IDENT
    ;

opt_comma
    : %empty
    | ','
    ;

scale_entries
    : STRING '=' signed                         { struct zi_entry_list none = {0}; $$ = zi_build_scale_entry(ctx, none, $1, $3, @3); }
    | scale_entries ',' STRING '=' signed       { $$ = zi_build_scale_entry(ctx, $1, $3, $5, @5); }
    ;

signed
    : NUMBER
    | NUMBER '%'                                { $$ = $1 / 100; }
    | '-' NUMBER                                { $$ = -$2; }
    | '-' NUMBER '%'                            { $$ = -$2 / 100; }
    ;

group
    : GROUP IDENT opt_string opt_weight opt_relative '{' members '}' { $$ = zi_build_group(ctx, $2, $3, $4, $5, $7, @$); }
    ;

opt_weight
    : %empty                                    { $$ = no_range(); }
    | WEIGHT NUMBER                             { $$ = make_range($2, $2, @2); }
    ;

opt_relative
    : %empty                                    { $$ = false; }
    | RELATIVE                                  { $$ = true; }
    ;

members
    : %empty                                    { struct zi_member_list none = {0}; $$ = none; }
    | members group                             { $$ = zi_build_member(ctx, $1, $2, NULL); }
    | members question                          { $$ = zi_build_member(ctx, $1, NULL, $2); }
    | members score                             { $$ = zi_build_member(ctx, $1, NULL, $2); }
    | members error                             { $$ = $1; }
    | members GROUP error '{' members '}'       { $$ = $1; yyerrok; }
    | members SCORE error '}'                   { $$ = $1; yyerrok; }
    ;

question
    : QUESTION STRING opt_name STRING ':' IDENT opt_range item_options opt_score
                                                { $$ = zi_build_question(ctx, $2, $3, $4, $6, $7, $8, $9, @$); }
    ;

opt_score
    : %empty %prec ITEM_END                     { $$ = NULL; }
    | '=' expr                                  { $$ = $2; }
    ;

item_options
    : %empty                                    { $$ = no_options(); }
    | item_options WEIGHT NUMBER                { $$ = zi_build_item_weight(ctx, $1, $3, @3); }
    | item_options MISSING policy               { struct zi_span at = {@2.begin, @3.end}; $$ = zi_build_item_missing(ctx, $1, $3, at); }
    ;

opt_range
    : %empty                                    { $$ = no_range(); }
    | IN '[' signed ',' signed ']'              { $$ = make_range($3, $5, @$); }
    ;

score
    : SCORE STRING opt_name STRING item_options '{' score_body '=' expr '}'
                                                { $$ = zi_build_score(ctx, $2, $3, $4, $5, $7, $9, @$); }
    ;

score_body
    : %empty                                    { struct zi_score_body none = {0}; $$ = none; }
    | score_body INPUT IDENT opt_string ':' IDENT opt_range { $$ = zi_build_body_input(ctx, $1, $3, $4, $6, $7, @$); }
    | score_body REQUIRE expr opt_string        { $$ = zi_build_body_require(ctx, $1, $3, $4, @$); }
    | score_body error                          { $$ = $1; }
    ;

view_paths
    : path                                      { struct zi_path_list none = {0}; $$ = zi_build_path_list(ctx, none, $1); }
    | view_paths '+' path                       { $$ = zi_build_path_list(ctx, $1, $3); }
    ;

verdict_body
    : %empty                                    { struct zi_condition_list none = {0}; $$ = none; }
    | conditions
    | conditions seps
    ;

conditions
    : condition                                 { struct zi_condition_list none = {0}; $$ = zi_build_condition(none, $1); }
    | conditions seps condition                 { $$ = zi_build_condition($1, $3); }
    ;

seps
    : SEP
    | seps SEP
    ;

condition
    : expr                                      { $$ = zi_build_plain_condition(ctx, $1); }
    | ALL path cmpop sum                        { $$ = zi_build_all_condition(ctx, $2, $3, $4, @$); }
    | error                                     { $$ = NULL; }
    ;

cmpop
    : GE                                        { $$ = ZI_OP_GE; }
    | GT                                        { $$ = ZI_OP_GT; }
    | LE                                        { $$ = ZI_OP_LE; }
    | LT                                        { $$ = ZI_OP_LT; }
    | EQ                                        { $$ = ZI_OP_EQ; }
    | NE                                        { $$ = ZI_OP_NE; }
    ;

expr
    : or_expr
    | IF expr THEN expr ELSE expr               { $$ = zi_build_if(ctx, $2, $4, $6, @$); }
    ;

or_expr
    : and_expr
    | or_expr OR and_expr                       { $$ = zi_build_binary(ctx, ZI_OP_OR, $1, $3, @$); }
    ;

and_expr
    : not_expr
    | and_expr AND not_expr                     { $$ = zi_build_binary(ctx, ZI_OP_AND, $1, $3, @$); }
    ;

not_expr
    : cmp_expr
    | NOT not_expr                              { $$ = zi_build_unary(ctx, ZI_EXPR_NOT, $2, @$); }
    ;

cmp_expr
    : sum
    | sum cmpop sum                             { $$ = zi_build_binary(ctx, (enum zi_binop)$2, $1, $3, @$); }
    | sum IN '[' strings ']'                    { $$ = zi_build_in(ctx, $1, $4, @$); }
    ;

sum
    : product
    | sum '+' product                           { $$ = zi_build_binary(ctx, ZI_OP_ADD, $1, $3, @$); }
    | sum '-' product                           { $$ = zi_build_binary(ctx, ZI_OP_SUB, $1, $3, @$); }
    ;

product
    : unary
    | product '*' unary                         { $$ = zi_build_binary(ctx, ZI_OP_MUL, $1, $3, @$); }
    | product '/' unary                         { $$ = zi_build_binary(ctx, ZI_OP_DIV, $1, $3, @$); }
    ;

unary
    : primary
    | '-' unary                                 { $$ = zi_build_unary(ctx, ZI_EXPR_NEG, $2, @$); }
    ;

primary
    : NUMBER                                    { $$ = zi_build_number(ctx, $1, false, @$); }
    | NUMBER '%'                                { $$ = zi_build_number(ctx, $1, true, @$); }
    | TRUE                                      { $$ = zi_build_bool(ctx, true, @$); }
    | FALSE                                     { $$ = zi_build_bool(ctx, false, @$); }
    | STRING                                    { $$ = zi_build_string(ctx, $1); }
    | path                                      { $$ = zi_build_path_expr(ctx, $1); }
    | IDENT '(' ')'                             { struct zi_arg_list none = {0}; $$ = zi_build_call(ctx, $1, none, @$); }
    | IDENT '(' args ')'                        { $$ = zi_build_call(ctx, $1, $3, @$); }
    | '(' expr ')'                              { $$ = $2; }
    ;

args
    : expr                                      { struct zi_arg_list none = {0}; $$ = zi_build_arg(none, $1); }
    | args ',' expr                             { $$ = zi_build_arg($1, $3); }
    ;

path
    : IDENT                                     { struct zi_path none = {0}; $$ = zi_build_path(ctx, none, $1); }
    | path '.' IDENT                            { $$ = zi_build_path(ctx, $1, $3); }
    ;

/* ---- Tests files (testfile.h, build_tests.c; docs/tools.md "zic test") ----------------------------------------
 * `tests "FILE.zi"`, then cases; a case's lines are separated as a verdict's are (a line end or ';'). A broken
 * case is skipped up to its closing brace, a broken line up to its line end. */
tests_file
    : TESTS STRING test_cases                   { zi_set_tests_criteria(ctx, $2); }
    ;

test_cases
    : %empty
    | test_cases test_case
    | test_cases error
    | test_cases CASE error '}'                 { yyerrok; }
    ;

test_case
    : CASE STRING opt_like '{' test_lines '}'   { zi_add_test_case(ctx, $2, $3, $5, @1); }
    ;

opt_like
    : %empty                                    { $$ = no_string(); }
    | LIKE STRING                               { $$ = $2; }
    ;

test_lines
    : %empty                                    { struct zi_test_line_list none = {0}; $$ = none; }
    | test_line_list
    | test_line_list seps
    ;

test_line_list
    : test_line                                 { struct zi_test_line_list none = {0}; $$ = zi_build_test_lines(none, $1); }
    | test_line_list seps test_line             { $$ = zi_build_test_lines($1, $3); }
    ;

test_line
    : ALL BEST                                  { $$ = zi_new_test_line(ctx, ZI_TEST_ALL_BEST, @$); }
    | ALL WORST                                 { $$ = zi_new_test_line(ctx, ZI_TEST_ALL_WORST, @$); }
    | ALL STRING                                { $$ = zi_build_test_text(ctx, ZI_TEST_ALL_LABEL, no_name(), $2, @$); }
    | ROW NUMBER OF STRING                      { $$ = zi_build_test_row(ctx, $2, @2, $4, @$); }
    | test_key '=' signed                       { $$ = zi_build_test_value(ctx, $1, ZI_TEST_VALUE_NUMBER, $3, no_string(), @3, @$); }
    | test_key '=' STRING                       { $$ = zi_build_test_value(ctx, $1, ZI_TEST_VALUE_STRING, 0, $3, @3, @$); }
    | test_key '=' TRUE                         { $$ = zi_build_test_value(ctx, $1, ZI_TEST_VALUE_BOOL, 1, no_string(), @3, @$); }
    | test_key '=' FALSE                        { $$ = zi_build_test_value(ctx, $1, ZI_TEST_VALUE_BOOL, 0, no_string(), @3, @$); }
    | test_key '=' MISSING                      { $$ = zi_build_test_value(ctx, $1, ZI_TEST_VALUE_MISSING, 0, no_string(), @3, @$); }
    | path signed                               { $$ = zi_build_test_score(ctx, no_string(), $1, $2, @2, @$); }
    | STRING signed                             { struct zi_path none = {0}; $$ = zi_build_test_score(ctx, $1, none, $2, @2, @$); }
    | VERDICT IDENT                             { $$ = zi_build_test_word(ctx, ZI_TEST_VERDICT, $2, @$); }
    | PROPOSABLE IDENT                          { $$ = zi_build_test_word(ctx, ZI_TEST_PROPOSABLE, $2, @$); }
    | FAILS opt_name STRING                     { $$ = zi_build_test_text(ctx, ZI_TEST_FAILS, $2, $3, @$); }
    | PASSES opt_name STRING                    { $$ = zi_build_test_text(ctx, ZI_TEST_PASSES, $2, $3, @$); }
    | ERROR_KW                                  { $$ = zi_new_test_line(ctx, ZI_TEST_ERROR, @$); }
    | error                                     { $$ = NULL; }
    ;

test_key
    : STRING                                    { struct zi_path none = {0}; $$ = zi_build_test_key(ctx, $1, none); }
    | path                                      { $$ = zi_build_test_key(ctx, no_string(), $1); }
    ;
/* ---- end of tests files ------------------------------------------------------------------------------------ */

%%

/* Describes a token for "unexpected …": keywords and punctuation quoted, the rest by what they are. */
static const char *describe(yysymbol_kind_t kind, struct zi_span span, struct zi_parse_context *ctx, char *buf,
                            size_t buflen)
{
    if (kind == YYSYMBOL_YYEOF)
        return "end of file";
    if (kind == YYSYMBOL_SEP) {
        size_t len;
        const char *text = zi_source_slice(ctx->source, span, &len);
        return len == 1 && text[0] == ';' ? "';'" : "end of line";
    }
    if (kind == YYSYMBOL_IDENT) {
        size_t len;
        const char *text = zi_source_slice(ctx->source, span, &len);
        snprintf(buf, buflen, "identifier '%.*s'", len > 40 ? 40 : (int)len, text);
        return buf;
    }
    /* Named tokens read as what they are; keywords and punctuation are quoted. */
    const char *name = yysymbol_name(kind);
    static const char *const named[] = {"identifier", "number", "string", "end of line", "end of file",
                                        "error", "invalid token"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(name, named[i]) == 0)
            return name;
    if (name[0] == '\'' || name[0] == '"')
        return name;
    snprintf(buf, buflen, "'%s'", name);
    return buf;
}

/* Bison calls this only when its stack is exhausted (YYMAXDEPTH): the scanner's nesting limits make that
 * unreachable in practice, but it must still be a located error and not a crash. */
static void ziyyerror(ZIYYLTYPE *loc, void *scanner, struct zi_parse_context *ctx, const char *message)
{
    (void)scanner;
    (void)message;
    zi_diag_report(ctx->diag, ZI_SEV_ERROR, *loc, "E011", "criteria nested too deeply for the parser");
    ctx->fatal = true;
}

static uint32_t line_at(const struct zi_parse_context *ctx, uint32_t offset)
{
    return zi_source_line_number(ctx->source, offset);
}

/* A question, an input or a fact whose ': TYPE' is missing: the grammar wants ':' after the text. The slip is at the
 * end of the text, usually a line above where the grammar noticed. */
static bool missing_type(struct zi_parse_context *ctx, const yysymbol_kind_t *expected, int n,
                         yysymbol_kind_t lookahead, struct zi_span span)
{
    bool wants_colon = false;
    for (int i = 0; i < n; i++)
        wants_colon |= strcmp(yysymbol_name(expected[i]), "':'") == 0;
    if (!wants_colon || !ctx->item_keyword) return false;
    if (lookahead == YYSYMBOL_IDENT && line_at(ctx, span.begin) == line_at(ctx, ctx->before_last_token.end)) {
        size_t len;
        const char *type = zi_source_slice(ctx->source, span, &len);
        struct zi_diagnostic *d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E010",
                                                 "missing ':' before the answer type '%.*s'", (int)len, type);
        struct zi_span before = {span.begin, span.begin};
        zi_diag_add_fixit(ctx->diag, d, before, ": ");
        return true;
    }
    struct zi_span at = {ctx->before_last_token.end, ctx->before_last_token.end};
    if (ctx->has_lexical_error && line_at(ctx, ctx->lexical_error_at) == line_at(ctx, at.begin))
        return true; /* the line's lexical error (an unterminated string swallowed the type) says it all */
    const struct zi_scale *scales = ctx->criteria->scales;
    struct zi_diagnostic *d;
    if (ctx->item_keyword == ZI_TOK_QUESTION) {
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, at, "E010",
                           "this question has no answer type; write ': SCALE' after its text (e.g. ': %s')",
                           scales ? scales->name.text : "ya_tidak");
        /* With one scale there is no choice to make: the fix can be applied as it stands. */
        if (scales && !scales->next)
            zi_diag_add_fixit(ctx->diag, d, at, zi_arena_printf(ctx->arena, " : %s", scales->name.text));
    } else if (ctx->item_keyword == ZI_TOK_FACT) {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, at, "E010",
                       "this fact has no type; write ': boolean', ': percent', ': count', ': number in [LOW, HIGH]' "
                       "or ': GRADE' (a grade's or category's name) after it");
    } else {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, at, "E010",
                       "this input has no answer type; write ': number', ': percent', ': count' or ': SCALE' "
                       "after it");
    }
    return true;
}

/* `group tim<TAB>kerja`: two names in a row on one line, with only blanks between them, were meant as one.
 * Returns 0 when that is not what the error looks like, else 1 for spaces between them, 2 for a tab. */
static int split_name(const struct zi_parse_context *ctx, yysymbol_kind_t lookahead, struct zi_span span)
{
    const struct zi_source *src = ctx->source;
    struct zi_span prev = ctx->before_last_token;
    if (lookahead != YYSYMBOL_IDENT || prev.end >= span.begin || line_at(ctx, prev.begin) != line_at(ctx, span.begin))
        return 0;
    char first = src->text[prev.begin];
    bool tab = false, identifier = first == '_' || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    for (uint32_t i = prev.end; i < span.begin; i++) {
        if (src->text[i] != ' ' && src->text[i] != '\t') return 0;
        tab |= src->text[i] == '\t';
    }
    for (uint32_t i = prev.begin; i < prev.end; i++) {
        char c = src->text[i];
        identifier &= c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return !identifier ? 0 : tab ? 2 : 1;
}

/* `{ total >= 85  all area >= 75% }`: a second condition on the line of the first; a line end or ';' separates
 * them. */
static bool two_conditions_hint(struct zi_parse_context *ctx, struct zi_diagnostic *d, yysymbol_kind_t lookahead,
                                struct zi_span span)
{
    bool starts_condition = lookahead == YYSYMBOL_IDENT || lookahead == YYSYMBOL_ALL ||
                            lookahead == YYSYMBOL_NUMBER || lookahead == YYSYMBOL_NOT;
    const char *block = ctx->n_open ? ctx->open[ctx->n_open - 1].what : "";
    bool in_list = ctx->source->text[ctx->before_last_token.begin] == '['; /* `x in [1, 2]`: no condition */
    if (!starts_condition || in_list || (strcmp(block, "verdict") != 0 && strcmp(block, "prerequisites") != 0) ||
        line_at(ctx, ctx->before_last_token.end) != line_at(ctx, span.begin))
        return false;
    zi_diag_add_hint(ctx->diag, d, "two conditions on one line need a ';' between them (or a line each)");
    struct zi_span after = {ctx->before_last_token.end, ctx->before_last_token.end};
    zi_diag_add_fixit(ctx->diag, d, after, ";");
    return true;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner, struct zi_parse_context *ctx)
{
    (void)scanner;
    if (ctx->fatal)
        return 0;
    yysymbol_kind_t lookahead = yypcontext_token(yyctx);
    struct zi_span span = *yypcontext_location(yyctx);
    /* A line with a lexical error has been reported already: its syntax error would only restate it. */
    if (ctx->has_lexical_error && line_at(ctx, ctx->lexical_error_at) == line_at(ctx, span.begin))
        return 0;
    yysymbol_kind_t all[YYNTOKENS];
    int n_all = yypcontext_expected_tokens(yyctx, all, YYNTOKENS);
    if (missing_type(ctx, all, n_all, lookahead, span))
        return 0;

    enum { MAX_EXPECTED = 6 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(yyctx, expected, MAX_EXPECTED);
    /* A criteria file's first token could begin a tests file too, but nobody types that token. */
    for (int i = 0; i < n; i++)
        if (expected[i] == YYSYMBOL_TESTS_FILE) expected[i--] = expected[--n];

    char unexpected_buf[80], message[512];
    const char *unexpected = describe(lookahead, span, ctx, unexpected_buf, sizeof unexpected_buf);
    int len = snprintf(message, sizeof message, "unexpected %s", unexpected);
    /* Bison reports 0 expected tokens when there are more than MAX_EXPECTED: then listing them helps
     * nobody. */
    for (int i = 0; i < n && len < (int)sizeof message; i++) {
        char buf[80];
        const char *what = describe(expected[i], span, ctx, buf, sizeof buf);
        if (expected[i] == YYSYMBOL_IDENT)
            what = "identifier";
        len += snprintf(message + len, sizeof message - (size_t)len, "%s%s",
                        i == 0 ? ", expected " : i == n - 1 ? " or " : ", ", what);
    }
    /* Two names with blanks between: a tab there is the slip itself, named in the error with the fix; spaces
     * are likelier a missing operator or ';', so they earn a note. */
    int split = split_name(ctx, lookahead, span);
    struct zi_span prev = ctx->before_last_token, gap = {prev.end, span.begin};
    int prev_len = (int)(prev.end - prev.begin), name_len = (int)(span.end - span.begin);
    const char *text = ctx->source->text;
    struct zi_diagnostic *d;
    if (split == 2)
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, gap, "E010",
                           "a tab (U+0009 CHARACTER TABULATION) between '%.*s' and '%.*s': a name holds no blanks; "
                           "write '%.*s_%.*s'",
                           prev_len, text + prev.begin, name_len, text + span.begin, prev_len, text + prev.begin,
                           name_len, text + span.begin);
    else
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E010", "%s", message);
    /* In a verdict, spaces between two names more likely separate two conditions. */
    if (split != 2 && two_conditions_hint(ctx, d, lookahead, span))
        split = 0;
    if (split == 1)
        zi_diag_add_hint(ctx->diag, d, "a name holds no space: write '%.*s_%.*s'", prev_len, text + prev.begin,
                         name_len, text + span.begin);
    if (split)
        zi_diag_add_fixit(ctx->diag, d, gap, "_");
    bool unclosed = ctx->has_unclosed_paren;
    ctx->has_unclosed_paren = false;
    if (lookahead >= YYSYMBOL_GE && lookahead <= YYSYMBOL_NE)
        zi_diag_add_hint(ctx->diag, d, "comparisons do not chain: join two conditions with 'and'");
    if (ctx->n_parens > 0 && lookahead != YYSYMBOL_YYEOF) {
        zi_diag_add_note(ctx->diag, d, ctx->parens[ctx->n_parens - 1], "to match this '('");
    } else if (unclosed) {
        zi_diag_add_note(ctx->diag, d, ctx->unclosed_paren, "to match this '('");
    } else if (lookahead == YYSYMBOL_YYEOF && ctx->n_open > 0) {
        unsigned i = ctx->n_open - 1;
        zi_diag_add_note(ctx->diag, d, ctx->open[i].span, "to match this '%s' block", ctx->open[i].what);
    }
    return 0;
}

struct zi_criteria *zi_parse(const struct zi_source *source, size_t file, struct zi_arena *arena,
                             struct zi_diag *diag)
{
    /* The scanner and the brace check see the text up to the end of this file; offsets stay the whole
     * source's, so diagnostics and the tree point into the chain. */
    struct zi_source view = *source;
    view.len = source->files[file].end;
    struct zi_parse_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.diag = diag;
    ctx.source = &view;
    ctx.begin = source->files[file].begin;
    ctx.criteria = zi_arena_alloc(arena, sizeof *ctx.criteria);
    ctx.criteria->missing = ZI_POLICY_DEFAULT;
    void *scanner;
    if (zi_lexer_create(&ctx, &scanner) != 0) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    ziyyparse(scanner, &ctx);
    /* The grammar stops at an error it cannot recover from (text after the criteria's closing brace): scan
     * the rest anyway, so every brace is seen by the indentation check and every lexical error reported. */
    ZIYYSTYPE value;
    ZIYYLTYPE where;
    while (!ctx.fatal && ziyylex(&value, &where, scanner) != 0)
        continue;
    /* A '}' missing or extra is reported where the indentation shows it, and the grammar's complaints
     * downstream of it, all follow-ons, are withdrawn. */
    uint32_t from = zi_braces_explain(&ctx);
    if (from != UINT32_MAX)
        zi_diag_retract(diag, "E010", from);
    zi_lexer_destroy(scanner);
    return ctx.criteria;
}
