#!/usr/bin/env python3
"""Generates mast's Go-template case table (input side). The Go oracle
(main.go) fills in the expected output or error for every case."""
import itertools
import json
import sys

cases = []
seen = set()


def case(name, template, data=None, funcs=None, options=None, extra=None):
    assert name not in seen, name
    seen.add(name)
    c = {"name": name, "template": template}
    if funcs:
        c["funcs"] = funcs
    if options:
        c["options"] = options
    if extra:
        c["extra"] = extra
    if data is not None:
        c["data"] = data
    cases.append(c)


D = {
    "s": "hello", "e": "", "n": 3, "f": 1.5, "big": 1000000, "neg": -2, "z": 0,
    "t": True, "fl": False, "nil": None, "l": [1, 2, 3], "el": [], "ls": ["a", "b", "c"],
    "m": {"b": 2, "a": 1, "c": 3}, "em": {}, "nested": {"x": {"y": {"z": "deep"}}},
    "mixed": [1, "two", 3.5, True, None, {"k": "v"}, [1, 2]],
    "ann": {"sidecar.istio.io/inject": "true", "x": ""},
    "items": [{"name": "a", "port": 80}, {"name": "b", "port": 443}],
    "huge": 12345678901234567890, "small": 0.000001, "pi": 3.14159265358979,
    "sci": 1e21, "i64": 9007199254740993, "str_num": "42",
}

# --- text, trim markers, comments
for i, t in enumerate([
    "plain text", "", "a{{/* c */}}b", "a {{- /* c */ -}} b", "a  {{- 1 -}}  b",
    "a\n\n{{- 1}}\n\nb", "a {{1 -}}\n\n  b", "{{- 1 -}}", "x{{ 1 }}y", "{{\"a\"}}{{\"b\"}}",
    "a{{-  1}}", "{{1  -}}b", "line1\n  {{- if true }}\n  yes\n  {{- end }}\nline2",
    "{{/* multi\nline\ncomment */}}ok", "{{- /* trimmed */ -}}\n  x", "{{ 1 }}\t{{- 2 }}",
    "{{-3}}", "{{ -3 }}", "a\r\n{{- 1 -}}\r\nb", "{{ .s\n}}", "{{\n.s\n}}", "{{ print\n1\n2 }}",
    "{{ /* not a comment */ }}", "{{/* c */ 1}}", "{{1 /* c */}}", "{{/* unterminated }}",
    "{{ 1 }", "{{ 1 ", "{{", "}}", "a}}b", "{{{1}}}", "{{ 1 }}}",
]):
    case(f"text_{i}", t, D)

# --- literals
for i, lit in enumerate([
    "1", "-1", "+1", "0", "-0", "1.5", "-1.5", "1e3", "1E3", "1e-3", "1.0", "0x1F", "0X1f", "0o17",
    "017", "0b101", "1_000_000", "0x_1F", "1_0.5", ".5", "5.", "0x1p4", "'a'", "'\\n'", "'\\x41'",
    "'\\u00e9'", "'é'", "\"str\"", "`raw\\n`", "\"esc\\t\\\"q\\\"\"", "\"\\u00e9\\x41\\101\"",
    "true", "false", "nil", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "1e100", "123456789.0", "1234567.0", "123456.0", "0.0001", "0.00001", "100000000000000000000.0",
    "1i", "0x", "1a", "08", "1__0", "'ab'", "''", "\"\\q\"", "\"unterminated", "`unterminated",
    "3.0e0", "-0.0", "1e21", "1e20", "2.5e-7",
]):
    case(f"lit_{i}", "{{" + lit + "}}", None)
    case(f"lit_print_{i}", "{{print " + lit + "}}", None)

# --- fields and missing values
for i, t in enumerate([
    "{{.s}}", "{{.n}}", "{{.f}}", "{{.big}}", "{{.neg}}", "{{.t}}", "{{.nil}}", "{{.missing}}",
    "{{.l}}", "{{.el}}", "{{.ls}}", "{{.m}}", "{{.em}}", "{{.nested.x.y.z}}", "{{.nested.x}}",
    "{{.missing.x.y}}", "{{.nil.x}}", "{{.s.x}}", "{{.n.x}}", "{{.l.x}}", "{{.mixed}}",
    "{{.huge}}", "{{.small}}", "{{.pi}}", "{{.sci}}", "{{.i64}}", "{{.str_num}}", "{{.}}",
    "{{.ann}}", "{{.items}}", "{{$}}", "{{$.s}}", "{{(.nested).x.y.z}}", "{{(.nested.x).y}}",
    "{{(.missing).x}}", "{{(.nil).x}}", "{{.s.}}", "{{. s}}", "{{.s 1}}", "{{.nested.x 1}}",
    "{{\"x\" | .s}}", "{{nil.x}}", "{{(nil).x}}", "{{1.x}}", "{{\"a\".x}}", "{{true.x}}",
    "{{.ann.x}}", "{{print .nil}}", "{{print .missing}}", "{{printf \"%v\" .missing}}",
    "{{.nested.x.y.q.r}}", "{{.m.b}}{{.m.a}}",
]):
    case(f"field_{i}", t, D)

case("field_nodata", "{{.x}}", None)
case("field_nodata_chain", "{{.x.y}}", None)
case("field_root_string", "{{.x}}", "str")
case("field_root_num", "{{.}}", 12.5)
case("field_root_list", "{{.}}", [1, "a", None])

# --- variables
for i, t in enumerate([
    "{{$x := 1}}{{$x}}", "{{$x := 1}}{{$x = 2}}{{$x}}",
    "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}",
    "{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}",
    "{{if true}}{{$y := 1}}{{end}}{{$y}}", "{{$x}}", "{{$x = 1}}",
    "{{$x := .s}}{{$x | printf \"%q\"}}", "{{$x := .nested}}{{$x.x.y.z}}",
    "{{$x, $y := 1}}", "{{range $i, $v := .ls}}{{$i}}={{$v}} {{end}}",
    "{{$i := 0}}{{range .ls}}{{$i = print $i .}}{{end}}{{$i}}",
    "{{$ := 1}}", "{{$.s}}{{with .nested}}{{$.s}}{{.x.y.z}}{{end}}",
    "{{$x := 1}}{{$x := 2}}{{$x}}", "{{with $x := .s}}{{$x}}{{end}}",
    "{{with $x := .s}}{{end}}{{$x}}", "{{$x := .missing}}{{$x.y}}", "{{$x := .nil}}{{$x.y}}",
    "{{$x := .nil}}{{$x}}", "{{$a := 1}}{{$b := 2}}{{$a}}{{$b}}",
    "{{range $i, $v := .m}}{{$i}}{{$v}}{{end}}", "{{$x := 1}}{{range $x = .ls}}{{end}}{{$x}}",
    "{{$i := 9}}{{$v := 9}}{{range $i, $v = .ls}}{{end}}{{$i}}{{$v}}",
    "{{$x := (1)}}{{$x}}", "{{ $x:=1 }}{{$x}}", "{{$x := 1 | print}}{{$x}}",
]):
    case(f"var_{i}", t, D)

# --- if / else
for i, t in enumerate([
    "{{if .t}}y{{end}}", "{{if .fl}}y{{else}}n{{end}}", "{{if .missing}}y{{else}}n{{end}}",
    "{{if .nil}}y{{else}}n{{end}}", "{{if .e}}y{{else}}n{{end}}", "{{if .z}}y{{else}}n{{end}}",
    "{{if .el}}y{{else}}n{{end}}", "{{if .em}}y{{else}}n{{end}}", "{{if .l}}y{{else}}n{{end}}",
    "{{if 0.0}}y{{else}}n{{end}}", "{{if .fl}}a{{else if .t}}b{{else}}c{{end}}",
    "{{if .fl}}a{{else if .fl}}b{{else if .n}}c{{end}}", "{{if .fl}}a{{else if .fl}}b{{end}}",
    "{{if}}{{end}}", "{{if .t}}", "{{if .t}}{{else}}{{else}}{{end}}", "{{else}}", "{{end}}",
    "{{if .t}}a{{end}}{{end}}", "{{if .t}}{{else .x}}{{end}}", "{{if .t}}{{end x}}",
    "{{if $x := .s}}{{$x}}{{end}}", "{{if $x := .s}}{{else}}{{$x}}{{end}}",
    "{{if .t -}}\n  yes\n{{- else -}}\n  no\n{{- end}}", "{{if not .t}}a{{else}}b{{end}}",
    "{{if .f}}y{{end}}", "{{if \"\"}}y{{else}}n{{end}}", "{{if \"0\"}}y{{end}}",
    "{{if .nested.x}}y{{end}}", "{{if .missing.x}}y{{else}}n{{end}}",
]):
    case(f"if_{i}", t, D)

# --- range
for i, t in enumerate([
    "{{range .l}}{{.}},{{end}}", "{{range .ls}}{{.}}{{end}}", "{{range .m}}{{.}}{{end}}",
    "{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}", "{{range .el}}x{{else}}empty{{end}}",
    "{{range .em}}x{{else}}empty{{end}}", "{{range .missing}}x{{else}}none{{end}}",
    "{{range .nil}}x{{else}}nil{{end}}", "{{range 3}}{{.}}{{end}}", "{{range $i := 3}}{{$i}}{{end}}",
    "{{range 0}}x{{else}}zero{{end}}", "{{range -1}}x{{else}}neg{{end}}",
    "{{range $i, $v := 3}}{{end}}", "{{range .s}}{{.}}{{end}}", "{{range .n}}{{.}}{{end}}",
    "{{range .f}}{{.}}{{end}}", "{{range .t}}{{.}}{{end}}",
    "{{range .l}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}",
    "{{range .l}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", "{{break}}", "{{continue}}",
    "{{range .l}}{{break 1}}{{end}}", "{{range .l}}{{with .}}{{break}}{{end}}x{{end}}",
    "{{range .items}}{{.name}}:{{.port}} {{end}}", "{{range $i, $e := .items}}{{$i}}{{$e.name}}{{end}}",
    "{{range .mixed}}[{{.}}]{{end}}", "{{range $x := .ls}}{{$x}}{{end}}{{$x}}",
    "{{range .ls}}{{$.s}}{{end}}", "{{range $i, $v := .ls}}{{end}}{{$i}}",
    "{{range $a, $b, $c := .ls}}{{end}}", "{{range $a, 1 := .ls}}{{end}}",
    "{{range .l}}{{range .}}{{end}}{{end}}", "{{range .nested}}{{.}}{{end}}",
    "{{range $k, $v := .ann}}{{$k}}={{$v}}|{{end}}", "{{range .l -}}\n {{.}}\n{{- end}}",
    "{{range .l}}{{.}}{{else}}{{break}}{{end}}", "{{range $i, $v := .l}}{{if $i}},{{end}}{{$v}}{{end}}",
    "{{range 2}}{{range 2}}{{.}}{{end}}{{end}}", "{{range .l}}{{continue}}{{end}}done",
]):
    case(f"range_{i}", t, D)
case("range_map_numkeys", "{{range $k, $v := .}}{{$k}}{{end}}", {"10": 1, "9": 2, "a": 3, "B": 4, "_": 5})

# --- with
for i, t in enumerate([
    "{{with .s}}{{.}}{{end}}", "{{with .e}}x{{else}}empty{{end}}", "{{with .missing}}x{{else}}m{{end}}",
    "{{with .nested.x}}{{.y.z}}{{end}}", "{{with .fl}}a{{else with .n}}{{.}}{{end}}",
    "{{with .fl}}a{{else with .z}}b{{else}}c{{end}}", "{{with $v := .n}}{{$v}}{{.}}{{end}}",
    "{{with .l}}{{len .}}{{end}}", "{{with .nil}}x{{else}}{{.s}}{{end}}", "{{with}}{{end}}",
    "{{with .t}}{{else if .t}}x{{end}}",
]):
    case(f"with_{i}", t, D)

# --- define / template / block
for i, (t, extra) in enumerate([
    ('{{define "a"}}A{{.}}{{end}}{{template "a" 1}}', None),
    ('{{define "a"}}A{{end}}{{template "a"}}', None),
    ('{{template "nope"}}', None),
    ('{{define "a"}}{{.}}{{end}}{{template "a"}}', None),
    ('{{block "b" .s}}[{{.}}]{{end}}', None),
    ('{{define "a"}}x{{end}}{{define "a"}}y{{end}}', None),
    ('{{define "a"}}{{$}}{{end}}{{template "a" .n}}', None),
    ('{{$x := 1}}{{define "a"}}{{$x}}{{end}}', None),
    ('{{define "r"}}{{if gt . 0}}{{.}}{{template "r" (sub1 .)}}{{end}}{{end}}', None),
    ('{{define "x"}}{{template "x"}}{{end}}{{template "x"}}', None),
    ('{{template "e" .}}', {"e": "extra:{{.s}}"}),
    ('{{template "e" .}}', {"e": "{{define \"inner\"}}I{{end}}{{template \"inner\"}}"}),
    ('{{define "a" }}a{{end}}{{template "a" }}', None),
    ('{{define "a"}}a{{end}}', None),
    ('{{define a}}{{end}}', None),
    ('{{define "a"}}', None),
    ('{{template x}}', None),
    ('{{template "a" 1 2}}', None),
    ('{{define "a"}}{{else}}{{end}}', None),
    ('{{block "b" .}}{{end}}x', None),
    ('{{define `raw`}}R{{end}}{{template `raw`}}', None),
    ('{{template "a" | print}}', None),
    ('{{define "a"}}{{.}}{{end}}{{template "a" .missing}}', None),
    ('{{define "a"}}{{range .}}{{.}}{{end}}{{end}}{{template "a" .ls}}', None),
]):
    if "sub1" in t:
        continue
    case(f"define_{i}", t, D, extra=extra)

# --- and / or / not
for i, t in enumerate([
    "{{and 1 2}}", "{{and 0 2}}", "{{and 1 0}}", "{{or 0 2}}", "{{or 0 \"\"}}", "{{or .e .s}}",
    "{{and .s .n}}", "{{and .missing .s}}", "{{or .missing .s}}", "{{or .missing}}", "{{and}}",
    "{{or .missing .nil}}", "{{and .t (index .l 5)}}", "{{and .fl (index .l 5)}}",
    "{{or .t (index .l 5)}}", "{{not 1}}", "{{not 0}}", "{{not .missing}}", "{{not .l}}",
    "{{not}}", "{{not 1 2}}", "{{.s | and 1}}", "{{.e | or 0}}", "{{0 | or 1}}", "{{and 1 .l}}",
    "{{or .el .em \"x\"}}", "{{if and .t .n}}y{{end}}", "{{if or .fl .z}}y{{else}}n{{end}}",
    "{{and .nil 1}}", "{{or .nil}}",
]):
    case(f"logic_{i}", t, D)

# --- comparisons: a matrix of operand pairs
operands = ["1", "2", "1.0", "1.5", "\"a\"", "\"b\"", "true", "false", ".n", ".f", ".missing",
            ".nil", ".l", ".s", "'a'", "97"]
cmp_pairs = [("1", "1"), ("1", "2"), ("2", "1"), ("1", "1.0"), (".n", "3"), (".n", "3.0"), (".f", "1.5"),
             ("\"a\"", "\"b\""), ("\"b\"", "\"a\""), ("true", "true"), ("true", "false"),
             (".missing", "1"), (".missing", ".missing"), (".nil", ".nil"), (".nil", "1"),
             (".l", ".l"), (".s", "\"hello\""), ("'a'", "97"), ("1", "\"1\""), ("true", "1"),
             (".n", ".f"), (".m", ".m"), (".f", "1"), (".big", "1000000"), (".z", "0")]
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    for j, (a, b) in enumerate(cmp_pairs):
        case(f"cmp_{op}_{j}", "{{" + f"{op} {a} {b}" + "}}", D)
for i, t in enumerate(["{{eq 1 2 3 1}}", "{{eq 1 2 3}}", "{{eq 1}}", "{{eq}}", "{{eq \"a\" \"b\" \"a\"}}",
                       "{{eq 1 \"a\" 1}}", "{{eq 1 1 \"a\"}}", "{{lt 1}}", "{{lt 1 2 3}}",
                       "{{eq .missing .nil}}", "{{eq .nil .missing}}", "{{ne .missing 1}}",
                       "{{eq .l .el}}", "{{eq .em .em}}", "{{eq .s .missing \"hello\"}}"]):
    case(f"cmp_x_{i}", t, D)

# --- len, index, slice
for i, t in enumerate([
    "{{len .s}}", "{{len .l}}", "{{len .m}}", "{{len .el}}", "{{len .n}}", "{{len .missing}}",
    "{{len .nil}}", "{{len \"héllo\"}}", "{{len 3}}", "{{len}}",
    "{{index .l 0}}", "{{index .l 2}}", "{{index .l 3}}", "{{index .l -1}}", "{{index .l 1.0}}",
    "{{index .l \"a\"}}", "{{index .m \"a\"}}", "{{index .m \"zz\"}}", "{{index .m 1}}",
    "{{index .nested \"x\" \"y\" \"z\"}}", "{{index .items 1 \"name\"}}", "{{index .s 1}}",
    "{{index .missing 1}}", "{{index .nil \"a\"}}", "{{index .n 1}}", "{{index .l}}",
    "{{index .ann \"sidecar.istio.io/inject\"}}", "{{index .ann \"nope\"}}", "{{index .l .missing}}",
    "{{index .m .missing}}", "{{index .mixed 6 1}}", "{{index .mixed 4}}", "{{index .mixed 4 0}}",
    "{{slice .l 1}}", "{{slice .l 1 2}}", "{{slice .l}}", "{{slice .s 1 3}}", "{{slice .l 2 1}}",
    "{{slice .l 0 4}}", "{{slice .l 1 2 3}}", "{{slice .s 1 2 3}}", "{{slice .m 1}}",
    "{{slice .missing}}", "{{slice .l 0 1 2 3}}", "{{slice .l 3}}", "{{slice .l 0 3}}",
]):
    case(f"coll_{i}", t, D)

# --- print / printf / println
for i, t in enumerate([
    "{{print 1 2}}", "{{print \"a\" \"b\"}}", "{{print 1 \"a\" 2}}", "{{print .l .m}}",
    "{{print}}", "{{println 1 2}}", "{{println}}", "{{print .nil}}", "{{print nil}}",
    "{{print .f .big .small}}", "{{print true false}}", "{{print .mixed}}", "{{print .items}}",
    "{{print 1.0 2.5 1e6 1e-7}}", "{{print 'a'}}", "{{println \"a\" \"b\"}}", "{{print .s 1 .s}}",
]):
    case(f"print_{i}", t, D)

values = {"int": "42", "negint": "-42", "float": "3.14159", "bigf": ".big", "str": "\"hi\"",
          "bool": "true", "nil": "nil", "list": ".ls", "nums": ".l", "map": ".m", "missing": ".missing",
          "zero": "0", "small": ".small", "unicode": "\"héllo\\n\"", "jsonnum": ".n"}
verbs = ["%v", "%s", "%d", "%q", "%t", "%x", "%X", "%f", "%e", "%g", "%5.2f", "%-10s|", "%10s|",
         "%05d", "%+d", "%o", "%b", "%c", "%T", "%.3s", "%8.3e", "%#x", "%#v", "%U", "%6.2g", "%E", "%G",
         "% d", "%+v", "%x", "%-5d|", "%.0f", "%.1f", "%3c|"]
seen_verb = set()
for vname, v in values.items():
    for k, verb in enumerate(verbs):
        key = (vname, verb)
        if key in seen_verb:
            continue
        seen_verb.add(key)
        case(f"printf_{vname}_{k}", "{{printf \"" + verb + "\" " + v + "}}", D)
for i, t in enumerate([
    "{{printf \"%d %d\" 1}}", "{{printf \"%d\" 1 2}}", "{{printf \"%\"}}", "{{printf \"%%\"}}",
    "{{printf \"%!\"}}", "{{printf \"%z\" 1}}", "{{printf \"%*d\" 5 1}}", "{{printf \"%-*d|\" 5 1}}",
    "{{printf \"%.*f\" 2 3.14159}}", "{{printf \"%[2]d %[1]d\" 1 2}}", "{{printf}}", "{{printf 1}}",
    "{{printf \"%s\" .l}}", "{{printf \"%q\" .ls}}", "{{printf \"%v\" .nested}}", "{{printf \"%d\" .l}}",
    "{{printf \"%v %v\" .f .n}}", "{{printf \"%.2f\" .n}}", "{{printf \"%d\" .n}}",
    "{{printf \"%s=%d\" \"a\" 1 | printf \"[%s]\"}}", "{{printf \"%t\" .t}}", "{{printf \"%5t|\" .t}}",
    "{{printf \"%v\" .huge}}", "{{printf \"%f\" .huge}}", "{{printf \"%.2f\" 2.675}}",
    "{{printf \"%.1f\" 0.25}}", "{{printf \"%.0f\" 0.5}}", "{{printf \"%.0f\" 1.5}}",
    "{{printf \"%g\" 100000.0}}", "{{printf \"%g\" 1000000.0}}", "{{printf \"%g\" 0.0001}}",
    "{{printf \"%e\" 0.0}}", "{{printf \"%v\" -0.0}}", "{{printf \"%08.3f\" -3.14159}}",
    "{{printf \"%x\" \"hello\"}}", "{{printf \"% x\" \"hi\"}}", "{{printf \"%#q\" \"a`b\"}}",
    "{{printf \"%#q\" \"ab\"}}", "{{printf \"%+q\" \"héllo\"}}", "{{printf \"%q\" 'x'}}",
    "{{printf \"%v\" .mixed}}", "{{printf \"%s\" .mixed}}", "{{printf \"%d\" .mixed}}",
    "{{printf \"%v\" .em}}", "{{printf \"%v\" .el}}", "{{printf \"%s\" .nil}}", "{{printf \"%d\" .nil}}",
    "{{printf \"%v|%v\" .missing .nil}}", "{{printf \"%6.2f|%-8.3f|\" 3.14159 2.5}}",
    "{{printf \"%x\" 255}}", "{{printf \"%X\" -255}}", "{{printf \"%o\" 8}}", "{{printf \"%b\" 5}}",
    "{{printf \"%x\" 1.5}}", "{{printf \"%10.4v|\" 3.14159}}", "{{printf \"%-10v|\" .ls}}",
    "{{printf \"%s %s\" \"a\"}}", "{{printf \"%d%%\" 50}}", "{{printf \"%v\" .sci}}",
    "{{printf \"%v\" 1e21}}", "{{printf \"%v\" 1e20}}", "{{printf \"%g\" 1e-5}}", "{{printf \"%.3g\" 1234.5}}",
    "{{printf \"%.10g\" 1234.5}}", "{{printf \"%g\" 123456789.0}}", "{{printf \"%G\" 1e-10}}",
    "{{printf \"%e\" 123456.789}}", "{{printf \"%.2e\" 9.999}}", "{{printf \"%5.1f|\" 9.96}}",
    "{{printf \"%v\" .i64}}", "{{printf \"%d\" 9223372036854775807}}", "{{printf \"%v\" 0.1}}",
    "{{printf \"%v\" 0.30000000000000004}}", "{{printf \"%.3f\" 1.0005}}", "{{printf \"%.2f\" 1.005}}",
]):
    case(f"printfx_{i}", t, D)

# --- html / js / urlquery
for i, t in enumerate([
    "{{html \"<a href='x'>&\\\"</a>\"}}", "{{js \"it's <b> \\\"q\\\" & = \\\\ \\n\"}}",
    "{{urlquery \"a b&c=d/é\"}}", "{{html 1 2}}", "{{html .nil}}", "{{js .l}}", "{{urlquery}}",
    "{{html}}", "{{.s | html}}", "{{html .missing}}", "{{js \"\\u2028é\\t\"}}", "{{urlquery \"~-_.\"}}",
]):
    case(f"esc_{i}", t, D)

# --- pipelines and parse-level errors
for i, t in enumerate([
    "{{.s | printf \"%s!\"}}", "{{1 | print 2}}", "{{.s | len}}", "{{\"a\" | print \"b\" | print \"c\"}}",
    "{{.s | 1}}", "{{.s | .n}}", "{{print | 1}}", "{{| print}}", "{{print |}}", "{{(print 1 2)}}",
    "{{(1)}}", "{{(.s)}}", "{{((1))}}", "{{(print 1}}", "{{print 1)}}", "{{()}}", "{{(print) 1}}",
    "{{nosuchfunc}}", "{{nosuchfunc 1}}", "{{.s nosuchfunc}}", "{{1 2}}", "{{\"a\" 1}}", "{{true 1}}",
    "{{. 1}}", "{{nil}}", "{{nil 1}}", "{{print nil}}", "{{len nil}}", "{{$x := nil}}",
    "{{print (1).x}}", "{{(.nested).x.y.z}}", "{{(index .items 0).name}}", "{{(index .items 5).name}}",
    "{{print .s.x}}", "{{.nested.x.y.z | len}}", "{{print 1 | print 2 | print 3}}",
    "{{$x := 1 | print 2}}{{$x}}", "{{if 1 | not}}a{{else}}b{{end}}", "{{1 := 2}}", "{{$x := }}",
    "{{$x :=}}", "{{$x := 1 2}}", "{{:= 1}}", "{{$x :}}", "{{= 1}}", "{{@}}", "{{.s#}}", "{{ a.b }}",
    "{{range}}{{end}}", "{{range .l}}", "{{with .s}}{{end}}{{end}}", "{{if 1}}{{else if}}{{end}}",
    "{{range .l}}{{else if 1}}{{end}}", "{{with 1}}{{else with}}{{end}}", "{{print \"a\" \"b\"\"c\"}}",
    "{{printf \"%d\" \"x\"}}", "{{print .s | printf \"%d\"}}", "{{len 1 2}}", "{{index}}",
    "{{html (print 1) (print 2)}}", "{{.Method}}", "{{$.x.y.z}}", "{{$x := 1}}{{$x.y}}",
    "{{$x := .s}}{{$x.y}}", "{{print $undefined}}", "{{(1).x}}", "{{(\"a\").x}}", "{{.l.0}}",
    "{{ .s }}{{ .s", "{{- .s -}}", "{{-.s}}", "{{.s-}}", "{{.s -}}x", "{{1|print}}", "{{print 1|print}}",
    "{{print .l | len}}", "{{print (len .l) (len .s)}}", "{{(len .l) | print}}", "{{ else }}",
]):
    case(f"pipe_{i}", t, D)

# --- missingkey option
for opt in ["missingkey=default", "missingkey=invalid", "missingkey=zero", "missingkey=error"]:
    for i, t in enumerate(["{{.missing}}", "{{.m.zz}}", "{{.missing.x}}", "{{index .m \"zz\"}}",
                           "{{if .missing}}y{{else}}n{{end}}", "{{.nested.x.q}}", "{{print .m.zz}}",
                           "{{.s}}"]):
        case(f"mk_{opt.split('=')[1]}_{i}", t, D, options=[opt])

# --- multi-line errors, positions
for i, t in enumerate([
    "line1\n{{.nil.x}}", "a\nb\n  {{index .l 9}}", "{{if .t}}\n\n{{nofunc}}{{end}}", "\n\n{{ .s\n\n",
    "{{define \"x\"}}\n{{index .l 9}}{{end}}{{template \"x\" .}}", "{{range .l}}\n{{.x}}{{end}}",
    "x\n{{/* a\n\nb */}}\n{{end}}", "{{\n.nil.x\n}}", "{{print \"a\"\n\"b\"}}", "{{`a\nb`}}",
    "{{\"a\nb\"}}",
]):
    case(f"pos_{i}", t, D)

# --- sprig
S = dict(D)
S.update({"csv": "a,b,,c", "pad": "  x y  ", "dict": {"k1": "v1", "k2": "v2"}, "strs": ["z", "a", "m"],
          "dup": [1, 1, 2, 3, 2], "ver": "1.22.3", "b64": "aGVsbG8=", "yml": "a: 1\nb: [x, y]\n",
          "jsn": "{\"a\":1,\"b\":[true,null]}", "nums": [3, 1, 2], "fnum": 2.5, "intstr": "12"})
sprig_cases = [
    "{{upper .s}}", "{{lower \"ABC\"}}", "{{title \"hello world\"}}", "{{trim .pad}}",
    "{{trimAll \"-_.\" \"-_.a-b._\"}}", "{{trimPrefix \"he\" .s}}", "{{trimSuffix \"lo\" .s}}",
    "{{trimLeft \" \" .pad}}|", "{{trimRight \" \" .pad}}|", "{{replace \"l\" \"L\" .s}}",
    "{{contains \"ell\" .s}}", "{{hasPrefix \"he\" .s}}", "{{hasSuffix \"x\" .s}}", "{{repeat 3 \"ab\"}}",
    "{{substr 1 3 .s}}", "{{trunc 3 .s}}", "{{trunc -2 .s}}", "{{trunc 99 .s}}", "{{nospace .pad}}",
    "{{quote .s}}", "{{quote .s .n}}", "{{quote .nil}}", "{{quote .missing}}", "{{squote .s}}",
    "{{quote 1.5}}", "{{cat \"a\" 1 .nil \"b\"}}", "{{indent 2 \"a\\nb\"}}", "{{nindent 2 \"a\\nb\"}}",
    "{{split \",\" .csv}}", "{{splitList \",\" .csv}}", "{{join \"-\" .ls}}", "{{join \",\" .l}}",
    "{{join \",\" .mixed}}", "{{join \",\" .s}}", "{{splitn \",\" 2 .csv}}", "{{(split \",\" .csv)._1}}",
    "{{default \"d\" .missing}}", "{{default \"d\" .e}}", "{{default \"d\" .s}}", "{{default 5 .z}}",
    "{{default \"d\" .el}}", "{{default \"d\" .fl}}", "{{.missing | default \"x\"}}",
    "{{empty .e}}", "{{empty .s}}", "{{empty .z}}", "{{empty .em}}", "{{empty .missing}}", "{{empty 0.0}}",
    "{{coalesce .missing .e .s}}", "{{coalesce .missing .e}}", "{{ternary \"y\" \"n\" .t}}",
    "{{ternary \"y\" \"n\" .fl}}", "{{list 1 \"a\" .nil}}", "{{len (list)}}", "{{append .l 4}}",
    "{{prepend .l 0}}", "{{first .ls}}", "{{last .ls}}", "{{rest .ls}}", "{{initial .ls}}",
    "{{uniq .dup}}", "{{reverse .ls}}", "{{sortAlpha .strs}}", "{{has 2 .l}}", "{{has 9 .l}}",
    "{{without .l 2}}", "{{compact (list 1 0 \"\" .nil \"a\")}}", "{{concat .l .ls}}",
    "{{dict \"a\" 1 \"b\" .s}}", "{{get .dict \"k1\"}}", "{{get .dict \"nope\"}}",
    "{{hasKey .dict \"k1\"}}", "{{hasKey .dict \"zz\"}}", "{{keys .dict | sortAlpha}}", "{{values .dict | sortAlpha}}",
    "{{$d := dict \"a\" 1}}{{$_ := set $d \"b\" 2}}{{$d}}", "{{$d := dict \"a\" 1}}{{unset $d \"a\"}}",
    "{{pick .dict \"k1\"}}", "{{omit .dict \"k1\"}}", "{{merge (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)}}",
    "{{mergeOverwrite (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)}}", "{{deepCopy .m}}", "{{pluck \"a\" .m (dict \"a\" 9)}}",
    "{{dig \"x\" \"y\" \"z\" \"def\" .nested}}", "{{dig \"x\" \"q\" \"def\" .nested}}",
    "{{b64enc \"hello\"}}", "{{b64dec .b64}}", "{{sha256sum \"abc\"}}", "{{sha1sum \"abc\"}}",
    "{{adler32sum \"abc\"}}", "{{toJson .m}}", "{{toJson .mixed}}", "{{toPrettyJson .dict}}",
    "{{toRawJson \"<&>\"}}", "{{toJson \"<&>\"}}", "{{toJson .f}}", "{{toJson .big}}", "{{toJson .small}}",
    "{{add 1 2}}", "{{add 1 2.5}}", "{{add .n 1}}", "{{add1 .n}}", "{{sub 5 3}}", "{{mul 2 3 4}}",
    "{{div 7 2}}", "{{mod 7 3}}", "{{max 1 5 3}}", "{{min 4 2 8}}", "{{div 1 0}}", "{{add \"3\" 1}}",
    "{{addf 1.5 2}}", "{{subf 5 1.5}}", "{{mulf 1.5 2}}", "{{divf 1 3}}", "{{maxf 1 2.5}}", "{{minf 1 2.5}}",
    "{{floor 1.7}}", "{{ceil 1.2}}", "{{round 2.567 2}}", "{{int .f}}", "{{int64 .f}}", "{{float64 .n}}",
    "{{int \"12\"}}", "{{int \"abc\"}}", "{{int .nil}}", "{{toString 5}}", "{{toString .f}}", "{{toString .nil}}",
    "{{toStrings .l}}", "{{atoi \"42\"}}", "{{atoi \"x\"}}", "{{int .t}}", "{{float64 \"1.5\"}}",
    "{{seq 5}}", "{{seq 2 5}}", "{{seq 5 2}}", "{{until 3}}", "{{untilStep 0 10 3}}",
    "{{semverCompare \">=1.20\" .ver}}", "{{semverCompare \"<1.20\" .ver}}", "{{semverCompare \"^1.22.0\" .ver}}",
    "{{semverCompare \">=1.22-0\" \"1.22.0-rc.1\"}}", "{{semver .ver | toString}}", "{{(semver .ver).Major}}",
    "{{regexMatch \"^h.*o$\" .s}}", "{{regexFind \"l+\" .s}}", "{{regexFindAll \"l\" .s -1}}",
    "{{regexReplaceAll \"l(.)\" .s \"[$1]\"}}", "{{regexReplaceAllLiteral \"l\" .s \"$1\"}}",
    "{{regexSplit \"l\" .s -1}}", "{{regexMatch \"(\" .s}}", "{{mustRegexMatch \"(\" .s}}",
    "{{kebabcase \"HelloWorld\"}}", "{{snakecase \"HelloWorld\"}}", "{{camelcase \"hello_world\"}}",
    "{{swapcase \"Hello\"}}", "{{plural \"one\" \"many\" 2}}", "{{typeOf .n}}", "{{typeOf .l}}",
    "{{typeOf .s}}", "{{kindOf .m}}", "{{kindIs \"string\" .s}}", "{{typeIs \"float64\" .n}}",
    "{{required \"need\" .s}}", "{{fail \"boom\"}}", "{{toDecimal \"0777\"}}", "{{wrap 5 \"hello world foo\"}}",
    "{{abbrev 5 \"hello world\"}}", "{{initials \"hello world\"}}", "{{untitle \"Hello\"}}",
    "{{substr 0 2 .s | upper}}", "{{.ls | join \",\" | upper}}", "{{list 3 1 2 | sortAlpha}}",
    "{{fromJson .jsn}}", "{{(fromJson .jsn).a}}", "{{mustToJson .m}}", "{{env \"MAST_NO_SUCH_VAR\"}}",
    "{{base \"/a/b.txt\"}}", "{{dir \"/a/b.txt\"}}", "{{ext \"x.tar.gz\"}}", "{{clean \"/a/../b\"}}",
    "{{isAbs \"/a\"}}", "{{ternary 1 2 true}}", "{{tuple 1 2}}", "{{empty (list)}}", "{{all 1 \"a\" true}}",
    "{{any 0 \"\" 1}}", "{{last .el}}", "{{first .el}}", "{{chunk 2 .l}}", "{{slice .ls 1 | join \"\"}}",
    "{{coalesce}}", "{{dict}}", "{{dict \"a\"}}", "{{list | len}}", "{{get .dict \"k1\" | upper}}",
    "{{hasKey .nil \"a\"}}", "{{keys .m | sortAlpha | join \",\"}}", "{{uniq .ls}}", "{{mustFirst .el}}",
    "{{int64 \"5\"}}", "{{printf \"%T\" (int64 5)}}", "{{printf \"%T\" (add 1 2)}}", "{{printf \"%T\" (len .l)}}",
    "{{printf \"%T\" (float64 1)}}", "{{printf \"%T\" (list)}}", "{{printf \"%T\" (dict)}}",
    "{{eq (add 1 2) 3}}", "{{eq (len .l) 3}}", "{{eq (int .n) 3}}", "{{eq .n 3}}",
    "{{toString (list 1 2)}}", "{{join \", \" (list \"a\" 1 .nil)}}", "{{sortAlpha .l}}",
]
for i, t in enumerate(sprig_cases):
    case(f"sprig_{i}", t, S, funcs="sprig")

# --- helm
H = {"name": "app", "replicas": 3, "image": {"repo": "nginx", "tag": "1.25"}, "list": ["a", "b"],
     "res": {"limits": {"cpu": "100m", "memory": "128Mi"}, "requests": None},
     "labels": {"app.kubernetes.io/name": "x", "b": "y"}, "empty": {}, "flag": True, "f": 0.5,
     "big": 1000000, "str": "line1\nline2", "nested": {"a": {"b": [1, {"c": "d"}]}},
     "tplstr": "{{ .Values.name }}-x", "special": "yes", "num_str": "0123", "ts": "2024-01-01",
     "multi": "a: 1\nb:\n  - x\n", "nil": None}
helm_cases = [
    ("{{ toYaml .Values.image }}", None), ("{{ toYaml .Values.res }}", None), ("{{ toYaml .Values.list }}", None),
    ("{{ toYaml .Values.labels }}", None), ("{{ toYaml .Values.empty }}", None), ("{{ toYaml .Values.nested }}", None),
    ("{{ toYaml .Values.str }}", None), ("{{ toYaml .Values.special }}", None), ("{{ toYaml .Values.num_str }}", None),
    ("{{ toYaml .Values.big }}", None), ("{{ toYaml .Values.f }}", None), ("{{ toYaml .Values.nil }}", None),
    ("{{ toYaml .Values.ts }}", None), ("{{ toYaml .Values }}", None), ("{{ toYaml .Values.multi }}", None),
    ("{{ toYaml (list \"true\" \"null\" \"~\" \"1.0\" \"0x1\" \"\" \" a\" \"a: b\" \"#c\" \"- x\" \"on\" \"y\" \"1e3\" \"a\\tb\") }}", None),
    ("{{ toYaml (dict \"k\" (list)) }}", None), ("{{ toYaml (dict \"a b\" 1 \"1\" 2 \"true\" 3) }}", None),
    ("{{ .Values.res | toYaml | nindent 4 }}", None), ("{{ toJson .Values.image }}", None),
    ("{{ toJson .Values }}", None), ("{{ (fromYaml .Values.multi).b }}", None), ("{{ fromYaml \"a: [\" }}", None),
    ("{{ fromJson \"{\\\"a\\\":1}\" }}", None), ("{{ fromJson \"bad\" }}", None),
    ("{{ (fromYamlArray \"- 1\\n- 2\\n\") }}", None), ("{{ fromJsonArray \"[1,2]\" }}", None),
    ("{{ include \"h.name\" . }}", {"_helpers.tpl": "{{- define \"h.name\" -}}{{ .Values.name }}-svc{{- end }}"}),
    ("{{ include \"h.name\" . | upper }}", {"_helpers.tpl": "{{- define \"h.name\" -}}{{ .Values.name }}{{- end }}"}),
    ("{{ include \"nope\" . }}", None), ("{{ tpl .Values.tplstr . }}", None), ("{{ tpl \"{{ 1 | add 2 }}\" . }}", None),
    ("{{ tpl \"{{ .bad\" . }}", None), ("{{ required \"name required\" .Values.name }}", None),
    ("{{ required \"missing required\" .Values.nothere }}", None), ("{{ fail \"failed here\" }}", None),
    ("{{ .Values.nothere }}", None), ("{{ .Values.name | quote }}", None), ("{{ .Values.replicas }}", None),
    ("{{ .Release.Name }}-{{ .Chart.Name }}", None), ("{{ .Template.Name }}", None),
    ("{{- range $k, $v := .Values.labels }}\n{{ $k }}: {{ $v | quote }}\n{{- end }}", None),
    ("{{ if .Values.flag }}on{{ end }}", None), ("{{ toYaml .Values.image | indent 2 }}", None),
    ("{{ toYamlPretty .Values.nested }}", None), ("{{ .Values.nil }}", None), ("{{ toToml .Values.image }}", None),
    ("{{ include \"rec\" . }}", {"_r.tpl": "{{ define \"rec\" }}{{ include \"rec\" . }}{{ end }}"}),
    ("{{ toYaml (list (dict \"a\" 1 \"b\" (list 1 2)) (list)) }}", None), ("{{ toYaml 1.5e6 }}", None),
    ("{{ toYaml (list 1.0 0.1 1e21 -0.5 100000000) }}", None), ("{{ toYaml \"multi\\nline\\n\" }}", None),
    ("{{ toYaml (dict \"k\" \"trailing \") }}", None), ("{{ toYaml (dict \"k\" \"é unicode\") }}", None),
    # go-yaml v2 key order (no v3 "digits" rule: x12 before x1y), escapes
    # outside the BMP, one trailing newline trimmed, integral
    # floats past int64 (JSON text re-read as uint64 or float64).
    ("{{ toYaml (dict \"b\" 1 \"a10\" 2 \"a9\" 3 \"_x\" 4 \"B\" 5 \"1\" 6 \"x1y\" 7 \"x12\" 8) }}", None),
    ("{{ toYaml (dict \"k\" \"smile \\U0001F600\" \"n\" \"no\") }}", None),
    ("{{ toYaml (dict \"a\" \"x\\n\\n\") }}|", None),
    ("{{ toYaml (list 1e19 5e20 -1e19 1e15 123456789012.5) }}", None),
    # sigs.k8s.io/yaml re-reads Go's JSON text, where U+0085 stays raw: a
    # YAML 1.1 line break, folded to a space (mast escapes it: \\N).
    ("{{ toYaml (dict \"k\" \"a\\u0085b\") }}", None),
    # tpl drops <no value> as Helm does for whole files (Istio's NOTES.txt relies on it)
    ("[{{ tpl \"{{ (((.Values.a).b).c) }}\" . }}]", None), ("[{{ tpl \"{{ .Values.nothere }}\" . }}]", None),
    # mergo overwrites map entries with empty values too; a nil only with overwrite
    ("{{ mergeOverwrite (dict \"a\" true \"b\" 1 \"c\" \"x\" \"d\" 2) (dict \"a\" false \"b\" 0 \"c\" \"\" \"d\" nil) | toJson }}", None),
    ("{{ merge (dict \"a\" true \"b\" 0) (dict \"a\" false \"b\" 5 \"n\" nil) | toJson }}", None),
]
for i, (t, extra) in enumerate(helm_cases):
    case(f"helm_{i}", t, H, funcs="helm", extra=extra)

json.dump(cases, sys.stdout, indent=1, ensure_ascii=False)
print(file=sys.stderr, end="")
sys.stderr.write(f"{len(cases)} cases\n")
