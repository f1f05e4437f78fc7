" Vim syntax file
" Language: Zona Integritas criteria (.zi), compiled by zic — docs/language.md
" Install: copy syntax/ and ftdetect/ into ~/.vim (or a package's start/ directory).
if exists("b:current_syntax")
  finish
endif

syn keyword ziDeclaration criteria scale group question score input let view verdict otherwise
syn keyword ziDeclaration grade category facts fact prerequisites relaxation
syn keyword ziOption      regulation missing numbering language weight relative require in all
syn keyword ziEdit        extends replace remove add with to
syn keyword ziConditional if then else
syn keyword ziLogical     and or not
syn keyword ziConstant    true false zero exclude error
syn keyword ziType        number percent count
syn keyword ziBuiltin     total answer
syn match   ziFunction    "\<\(min\|max\|clamp\|abs\|ratio\)\ze\s*("
syn match   ziNumber      "\<\d\+\(\.\d\+\)\=\(\s*%\)\="
syn match   ziOperator    ">=\|<=\|==\|!=\|[<>+*/-]"
syn match   ziEscape      contained "\\[\"\\nt]"
syn region  ziString      start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=ziEscape
syn match   ziComment     "//.*$" contains=@Spell
syn region  ziComment     start="/\*" end="\*/" contains=@Spell

hi def link ziDeclaration Structure
hi def link ziOption      Keyword
hi def link ziEdit        Statement
hi def link ziConditional Conditional
hi def link ziLogical     Operator
hi def link ziConstant    Constant
hi def link ziType        Type
hi def link ziBuiltin     Identifier
hi def link ziFunction    Function
hi def link ziNumber      Number
hi def link ziOperator    Operator
hi def link ziEscape      SpecialChar
hi def link ziString      String
hi def link ziComment     Comment

let b:current_syntax = "zi"
