package main

// Stand-ins for Istio's injection helpers (pkg/kube/inject/template.go) over
// JSON-shaped data (maps instead of Kubernetes structs), so the bench can run
// the real injection template on the same data in Go and in mast. Written
// for mast; behaviour follows Istio's documented semantics.

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"
)

func istioFuncMap() template.FuncMap {
	f := sprig.TxtFuncMap()
	mapField := func(v any, k string) any {
		if m, ok := v.(map[string]any); ok {
			return m[k]
		}
		return nil
	}
	ports := func(containers any, skipProxy bool) string {
		var parts []string
		list, _ := containers.([]any)
		for _, c := range list {
			if skipProxy && mapField(c, "Name") == "istio-proxy" {
				continue
			}
			ps, _ := mapField(c, "Ports").([]any)
			for _, p := range ps {
				if pr := mapField(p, "Protocol"); pr == "UDP" || pr == "SCTP" {
					continue
				}
				parts = append(parts, fmt.Sprint(mapField(p, "ContainerPort")))
			}
		}
		return strings.Join(parts, ",")
	}
	add := template.FuncMap{
		"isset": func(m map[string]any, key string) bool { _, ok := m[key]; return ok },
		"excludeInboundPort": func(port any, excluded string) string {
			ps := strings.TrimSpace(fmt.Sprint(port))
			if ps == "" || ps == "0" {
				return excluded
			}
			var out []string
			for _, p := range strings.Split(excluded, ",") {
				if p == ps {
					return excluded
				}
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return strings.Join(append(out, ps), ",")
		},
		"includeInboundPorts": func(c any) string { return ports(c, false) },
		"applicationPorts":    func(c any) string { return ports(c, true) },
		"kubevirtInterfaces":  func(s string) string { return s },
		"excludeInterfaces":   func(s string) string { return s },
		"annotation": func(meta any, name string, def any) string {
			if a, ok := mapField(meta, "Annotations").(map[string]any); ok {
				if v, ok := a[name]; ok {
					return fmt.Sprint(v)
				}
			}
			return fmt.Sprint(def)
		},
		"valueOrDefault": func(v, d any) any {
			if v == "" || v == nil {
				return d
			}
			return v
		},
		"toJSON": func(m map[string]any) string {
			if m == nil {
				return "{}"
			}
			b, _ := json.Marshal(m)
			return string(b)
		},
		"fromJSON": func(s string) any {
			var m any
			if json.Unmarshal([]byte(s), &m) != nil {
				return "{}"
			}
			return m
		},
		"structToJSON": func(v any) string {
			if v == nil {
				return "{}"
			}
			b, _ := json.Marshal(v)
			return string(b)
		},
		"protoToJSON": func(v any) string {
			if v == nil {
				return "{}"
			}
			b, _ := json.Marshal(v)
			return string(b)
		},
		"toYaml": func(v any) string { b, _ := yaml.Marshal(v); return string(b) },
		"indent": func(n int, s string) string {
			lines := strings.Split(s, "\n")
			for i := range lines {
				if i > 0 {
					lines[i] = strings.Repeat(" ", n) + lines[i]
				}
			}
			return strings.Join(lines, "\n")
		},
		"directory": func(p string) string { d, _ := path.Split(p); return d },
		"contains":  func(needle, hay string) bool { return strings.Contains(hay, needle) },
		"toLower":   strings.ToLower,
		"appendMultusNetwork": func(existing, net string) string {
			if existing == "" {
				return net
			}
			return existing + ", " + net
		},
		"omitNil":                func(v any) any { return v },
		"otelResourceAttributes": func(mc any, a, l map[string]any, ns string, c any) string { return "" },
	}
	for k, v := range add {
		f[k] = v
	}
	return f
}
