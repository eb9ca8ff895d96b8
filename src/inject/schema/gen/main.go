// Command gen writes schema.txt: the JSON shape of the Kubernetes types that
// `mast inject` re-serializes (field order, omitempty/omitzero, value kinds,
// strategic-merge patch metadata), read by reflection from k8s.io/api at the
// version Istio pins. Run: go run . > ../schema.txt
package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	osappsv1 "github.com/openshift/api/apps/v1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var (
	seen  = map[string]bool{}
	queue []reflect.Type
	out   []string
)

func special(t reflect.Type) string {
	switch t {
	case reflect.TypeOf(resource.Quantity{}):
		return "quantity"
	case reflect.TypeOf(metav1.Time{}):
		return "time"
	case reflect.TypeOf(metav1.MicroTime{}):
		return "microtime"
	case reflect.TypeOf(intstr.IntOrString{}):
		return "intorstring"
	case reflect.TypeOf(runtime.RawExtension{}):
		return "raw"
	case reflect.TypeOf(metav1.Duration{}):
		return "string"
	}
	return ""
}

func kind(t reflect.Type) string {
	if s := special(t); s != "" {
		return s
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int64:
		return "int"
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return fmt.Sprintf("int%d", t.Bits())
	case reflect.Uint, reflect.Uint64:
		return "uint"
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return fmt.Sprintf("uint%d", t.Bits())
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Ptr:
		return "*" + kind(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "[]" + kind(t.Elem())
	case reflect.Map:
		return "map:" + kind(t.Elem())
	case reflect.Struct:
		name := typeName(t)
		if !seen[name] {
			seen[name] = true
			queue = append(queue, t)
		}
		return name
	case reflect.Interface:
		return "any"
	}
	panic("unknown kind " + t.String())
}

func typeName(t reflect.Type) string {
	pkg := t.PkgPath()
	segs := strings.Split(pkg, "/")
	short := segs[len(segs)-2] + segs[len(segs)-1]
	if strings.Contains(pkg, "openshift") {
		short = "os" + short
	}
	return short + "." + t.Name()
}

func fields(t reflect.Type, lines *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		parts := strings.Split(tag, ",")
		name := parts[0]
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Ptr {
				ft = ft.Elem()
			}
			fields(ft, lines)
			continue
		}
		if name == "" {
			name = f.Name
		}
		flags := []string{}
		for _, p := range parts[1:] {
			switch p {
			case "omitempty":
				flags = append(flags, "e")
			case "omitzero":
				flags = append(flags, "z")
			case "inline":
			}
		}
		if mk := f.Tag.Get("patchMergeKey"); mk != "" {
			flags = append(flags, "key="+mk)
		}
		if ps := f.Tag.Get("patchStrategy"); ps != "" {
			flags = append(flags, "strategy="+ps)
		}
		fl := "-"
		if len(flags) > 0 {
			fl = strings.Join(flags, ";")
		}
		*lines = append(*lines, fmt.Sprintf("  %s %s %s %s", name, f.Name, kind(f.Type), fl))
	}
}

func main() {
	roots := map[string]any{
		"Pod":                   corev1.Pod{},
		"ReplicationController": corev1.ReplicationController{},
		"List":                  corev1.List{},
		"Deployment":            appsv1.Deployment{},
		"DaemonSet":             appsv1.DaemonSet{},
		"ReplicaSet":            appsv1.ReplicaSet{},
		"StatefulSet":           appsv1.StatefulSet{},
		"Job":                   batchv1.Job{},
		"CronJob":               batchv1.CronJob{},
		"DeploymentConfig":      osappsv1.DeploymentConfig{},
	}
	names := []string{}
	for k := range roots {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Printf("root %s %s\n", k, kind(reflect.TypeOf(roots[k])))
	}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		lines := []string{"type " + typeName(t)}
		fields(t, &lines)
		out = append(out, strings.Join(lines, "\n"))
	}
	fmt.Println(strings.Join(out, "\n"))
}
