// Command gotmpl is mast's oracle for Go text/template behaviour: it renders
// a table of cases with Go's text/template, sprig and Helm's engine and
// records the output or the error of each case.
//
// Usage: gotmpl < cases.src.json > cases.json
//
//	gotmpl -bench template.tmpl data.json N   (prints ns per render)
//	gotmpl -chart DIR RELEASE NAMESPACE [VALUES.yaml]
//	    renders a chart directory as `helm template` does (Helm's chart
//	    loader, chartutil.ToRenderValues with the default capabilities,
//	    engine.Render) and prints {"files": {name: text}} or {"error": msg}
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

type Case struct {
	Name     string            `json:"name"`
	Funcs    string            `json:"funcs,omitempty"`
	Options  []string          `json:"options,omitempty"`
	Extra    map[string]string `json:"extra,omitempty"`
	Template string            `json:"template"`
	Data     json.RawMessage   `json:"data,omitempty"`
	Expect   *string           `json:"expect,omitempty"`
	Error    string            `json:"error,omitempty"`
	Kind     string            `json:"error_kind,omitempty"`
}

func funcMap(mode string) template.FuncMap {
	switch mode {
	case "", "builtins":
		return template.FuncMap{}
	case "sprig":
		return sprig.TxtFuncMap()
	}
	panic("unknown funcs mode " + mode)
}

func runText(c *Case, data any) (string, string, error) {
	t := template.New(c.Name).Funcs(funcMap(c.Funcs))
	for _, o := range c.Options {
		t.Option(o)
	}
	if _, err := t.Parse(c.Template); err != nil {
		return "", "parse", err
	}
	for name, text := range c.Extra {
		if _, err := t.New(name).Parse(text); err != nil {
			return "", "parse", err
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, c.Name, data); err != nil {
		return "", "exec", err
	}
	return buf.String(), "", nil
}

func runHelm(c *Case, data any) (string, string, error) {
	vals, _ := data.(map[string]any)
	if vals == nil {
		vals = map[string]any{}
	}
	ch := &chart.Chart{
		Metadata:  &chart.Metadata{Name: "c", Version: "0.1.0", APIVersion: "v2"},
		Templates: []*chart.File{{Name: "templates/case.yaml", Data: []byte(c.Template)}},
	}
	for name, text := range c.Extra {
		ch.Templates = append(ch.Templates, &chart.File{Name: "templates/" + name, Data: []byte(text)})
	}
	top := chartutil.Values{"Values": vals, "Release": map[string]any{"Name": "r", "Namespace": "ns"}}
	out, err := engine.Render(ch, top)
	if err != nil {
		kind := "exec"
		if strings.HasPrefix(err.Error(), "parse error") {
			kind = "parse"
		}
		return "", kind, err
	}
	return out["c/templates/case.yaml"], "", nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-bench" {
		bench(os.Args[2], os.Args[3], os.Args[4])
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "-chart" {
		renderChart(os.Args[2:])
		return
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var cases []*Case
	if err := json.Unmarshal(in, &cases); err != nil {
		panic(err)
	}
	for _, c := range cases {
		var data any
		if len(c.Data) > 0 {
			if err := json.Unmarshal(c.Data, &data); err != nil {
				panic(fmt.Sprintf("case %s: %v", c.Name, err))
			}
		}
		var out, kind string
		if c.Funcs == "helm" {
			out, kind, err = runHelm(c, data)
		} else {
			out, kind, err = runText(c, data)
		}
		c.Expect, c.Error, c.Kind = nil, "", ""
		if err != nil {
			c.Error = err.Error()
			c.Kind = kind
		} else {
			c.Expect = &out
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(cases); err != nil {
		panic(err)
	}
}

// bench renders a template (sprig + stand-ins for Istio's helpers) N times
// and prints ns/render; with N = 0 it prints the rendering instead.
func bench(tmplPath, dataPath, nStr string) {
	text, err := os.ReadFile(tmplPath)
	if err != nil {
		panic(err)
	}
	raw, err := os.ReadFile(dataPath)
	if err != nil {
		panic(err)
	}
	var data any
	if err := json.Unmarshal(raw, &data); err != nil {
		panic(err)
	}
	n, _ := strconv.Atoi(nStr)
	t := template.Must(template.New("bench").Funcs(istioFuncMap()).Parse(string(text)))
	var buf bytes.Buffer
	if n == 0 {
		if err := t.Execute(os.Stdout, data); err != nil {
			panic(err)
		}
		return
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		buf.Reset()
		if err := t.Execute(&buf, data); err != nil {
			panic(err)
		}
	}
	fmt.Println(time.Since(start).Nanoseconds() / int64(n))
}

// renderChart renders a chart directory with Helm's engine, as
// `helm template RELEASE DIR -n NAMESPACE [-f VALUES]` does before it
// splits the output into documents.
func renderChart(args []string) {
	res := map[string]any{}
	files, err := func() (map[string]string, error) {
		ch, err := loader.Load(args[0])
		if err != nil {
			return nil, err
		}
		user := map[string]any{}
		if len(args) > 3 {
			if user, err = chartutil.ReadValuesFile(args[3]); err != nil {
				return nil, err
			}
		}
		opts := chartutil.ReleaseOptions{Name: args[1], Namespace: args[2], Revision: 1, IsInstall: true}
		top, err := chartutil.ToRenderValues(ch, user, opts, chartutil.DefaultCapabilities)
		if err != nil {
			return nil, err
		}
		return engine.Render(ch, top)
	}()
	if err != nil {
		res["error"] = err.Error()
	} else {
		res["files"] = files
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(res); err != nil {
		panic(err)
	}
}
