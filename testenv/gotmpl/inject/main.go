// Command gotmpl-inject is mast's oracle for Istio's injection templates: it
// runs the real `istioctl kube-inject` code path (pkg/kube/inject, offline,
// with --injectConfigFile) and records the exact text every template
// execution produced, with the template data Istio itself builds.
//
// Usage: gotmpl-inject < jobs.json > renders.json
//
// A job names the injector config (the ConfigMap's `config` key), the
// values (`values` key), the mesh config (`mesh` key) plus an optional
// override merged over it (as upstream's tests do), the input manifest,
// the revision, native sidecars and COMPLIANCE_POLICY. The result lists,
// per job, each template execution in order: {template, output}, or the
// error that stopped the injection.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"text/template"

	"sigs.k8s.io/yaml"

	"istio.io/istio/pilot/pkg/features"
	"istio.io/istio/pkg/config/mesh"
	common_features "istio.io/istio/pkg/features"
	"istio.io/istio/pkg/kube/inject"
)

type Job struct {
	Name         string `json:"name"`
	Config       string `json:"config"`
	Values       string `json:"values"`
	Mesh         string `json:"mesh"`
	MeshOverride string `json:"mesh_override,omitempty"`
	Input        string `json:"input"`
	Revision     string `json:"revision,omitempty"`
	Native       bool   `json:"native"`
	Compliance   string `json:"compliance,omitempty"`
}

type Render struct {
	Template string `json:"template"`
	Output   string `json:"output"`
}

type Result struct {
	Name    string   `json:"name"`
	Renders []Render `json:"renders"`
	Output  string   `json:"output,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// readInjectConfig is istioctl's readInjectConfigFile.
func readInjectConfig(f []byte) (inject.RawTemplates, error) {
	var c inject.Config
	if err := yaml.Unmarshal(f, &c); err != nil || len(c.RawTemplates) == 0 {
		return map[string]string{inject.SidecarTemplateName: string(f)}, nil
	}
	cfg, err := inject.UnmarshalConfig(f)
	if err != nil {
		return nil, err
	}
	return cfg.RawTemplates, nil
}

// recording parses the templates as Istio does, then wraps each so that
// executing it runs the original and records its output.
func recording(raw inject.RawTemplates, log *[]Render) (inject.Templates, error) {
	parsed, err := inject.ParseTemplates(raw)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(parsed))
	for n := range parsed {
		names = append(names, n)
	}
	sort.Strings(names)
	out := inject.Templates{}
	for _, name := range names {
		orig := parsed[name]
		rec := func(data any) (string, error) {
			var buf bytes.Buffer
			if err := orig.Execute(&buf, data); err != nil {
				return "", err
			}
			*log = append(*log, Render{Template: name, Output: buf.String()})
			return buf.String(), nil
		}
		w, err := template.New("mast-recorder").Funcs(template.FuncMap{"mastRecord": rec}).
			Parse(`{{ mastRecord . }}`)
		if err != nil {
			return nil, err
		}
		out[name] = w
	}
	return out, nil
}

func run(j *Job) (res Result) {
	res.Name = j.Name
	res.Renders = []Render{}
	fail := func(err error) Result { res.Error = err.Error(); return res }
	if j.Native {
		features.EnableNativeSidecars = features.NativeSidecarModeEnabled
	} else {
		features.EnableNativeSidecars = features.NativeSidecarModeDisabled
	}
	common_features.CompliancePolicy = j.Compliance
	cfgText, err := os.ReadFile(j.Config)
	if err != nil {
		return fail(err)
	}
	raw, err := readInjectConfig(cfgText)
	if err != nil {
		return fail(err)
	}
	var renders []Render
	templates, err := recording(raw, &renders)
	if err != nil {
		return fail(err)
	}
	valuesText, err := os.ReadFile(j.Values)
	if err != nil {
		return fail(err)
	}
	values, err := inject.NewValuesConfig(string(valuesText))
	if err != nil {
		return fail(err)
	}
	mc, err := mesh.ReadMeshConfig(j.Mesh)
	if err != nil {
		return fail(err)
	}
	if j.MeshOverride != "" {
		if mc, err = mesh.ApplyMeshConfig(j.MeshOverride, mc); err != nil {
			return fail(err)
		}
	}
	in, err := os.Open(j.Input)
	if err != nil {
		return fail(err)
	}
	defer in.Close()
	var out bytes.Buffer
	err = inject.IntoResourceFile(nil, templates, values, j.Revision, mc, in, &out, func(string) {})
	if renders != nil {
		res.Renders = renders
	}
	res.Output = out.String()
	if err != nil {
		return fail(err)
	}
	return res
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var jobs []*Job
	if err := json.Unmarshal(in, &jobs); err != nil {
		panic(err)
	}
	results := make([]Result, 0, len(jobs))
	for _, j := range jobs {
		results = append(results, run(j))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
