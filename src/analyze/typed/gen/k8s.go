package main

// The Kubernetes kinds istioctl decodes from files (its analyzers' inputs,
// less the Pods, Services, Namespaces, Nodes and Secrets it drops) as
// Kubernetes' JSON decoder reads them into their Go types: exact field
// names, value kinds with integer widths, the types with their own decoding
// (time, quantity, int-or-string, raw JSON...). Written by `go run . k8s`.

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	admissionv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
	inferencev1 "sigs.k8s.io/gateway-api-inference-extension/api/v1"
	gwv1 "sigs.k8s.io/gateway-api/apis/v1"
	gwv1alpha2 "sigs.k8s.io/gateway-api/apis/v1alpha2"
	gwv1beta1 "sigs.k8s.io/gateway-api/apis/v1beta1"
)

type k8sKind struct {
	apiVersion, kind string
	obj              any
}

var k8sKinds = []k8sKind{
	{"v1", "ConfigMap", corev1.ConfigMap{}},
	{"apps/v1", "Deployment", appsv1.Deployment{}},
	{"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", admissionv1.MutatingWebhookConfiguration{}},
	{"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", admissionv1.ValidatingWebhookConfiguration{}},
	{"apiextensions.k8s.io/v1", "CustomResourceDefinition", apiextv1.CustomResourceDefinition{}},
	{"gateway.networking.k8s.io/v1", "Gateway", gwv1.Gateway{}},
	{"gateway.networking.k8s.io/v1beta1", "Gateway", gwv1beta1.Gateway{}},
	{"gateway.networking.k8s.io/v1alpha2", "Gateway", gwv1.Gateway{}},
	{"gateway.networking.k8s.io/v1", "HTTPRoute", gwv1.HTTPRoute{}},
	{"gateway.networking.k8s.io/v1beta1", "HTTPRoute", gwv1beta1.HTTPRoute{}},
	{"gateway.networking.k8s.io/v1alpha2", "HTTPRoute", gwv1.HTTPRoute{}},
	{"gateway.networking.k8s.io/v1", "GRPCRoute", gwv1.GRPCRoute{}},
	{"gateway.networking.k8s.io/v1alpha2", "GRPCRoute", gwv1alpha2.GRPCRoute{}},
	{"inference.networking.k8s.io/v1", "InferencePool", inferencev1.InferencePool{}},
}

var (
	k8sSeen  = map[reflect.Type]bool{}
	k8sQueue []reflect.Type
	k8sOut   []string
)

func goName(t reflect.Type) string {
	return strings.ReplaceAll(t.PkgPath(), "/", "_") + "." + t.Name()
}

// Types whose JSON form is their own (they implement json.Unmarshaler).
func special(t reflect.Type) string {
	switch t {
	case reflect.TypeOf(metav1.Time{}), reflect.TypeOf(metav1.MicroTime{}):
		return "time"
	case reflect.TypeOf(resource.Quantity{}):
		return "quantity"
	case reflect.TypeOf(intstr.IntOrString{}):
		return "intorstring"
	case reflect.TypeOf(metav1.Duration{}):
		return "duration"
	case reflect.TypeOf(runtime.RawExtension{}), reflect.TypeOf(apiextv1.JSON{}), reflect.TypeOf(metav1.FieldsV1{}):
		return "raw"
	case reflect.TypeOf(apiextv1.JSONSchemaPropsOrArray{}):
		return "schemaorarray"
	case reflect.TypeOf(apiextv1.JSONSchemaPropsOrBool{}):
		return "schemaorbool"
	case reflect.TypeOf(apiextv1.JSONSchemaPropsOrStringArray{}):
		return "schemaorstrings"
	}
	if _, ok := reflect.New(t).Interface().(interface{ UnmarshalJSON([]byte) error }); ok && t.Kind() == reflect.Struct {
		panic("unhandled JSON unmarshaler " + t.String())
	}
	return ""
}

func k8sKindOf(t reflect.Type) string {
	if s := special(t); s != "" {
		return s
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return t.Kind().String()
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Interface:
		return "raw"
	case reflect.Pointer:
		return "*" + k8sKindOf(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "[]" + k8sKindOf(t.Elem())
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			panic("map key " + t.String())
		}
		return "map:" + k8sKindOf(t.Elem())
	case reflect.Struct:
		if !k8sSeen[t] {
			k8sSeen[t] = true
			k8sQueue = append(k8sQueue, t)
		}
		return goName(t)
	}
	panic(fmt.Sprintf("kind %v (%v)", t.Kind(), t))
}

// The JSON fields of a struct, embedded structs' fields promoted.
func jsonFields(t reflect.Type, out *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && special(ft) == "" {
				jsonFields(ft, out)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		*out = append(*out, fmt.Sprintf(" %s %s", name, k8sKindOf(f.Type)))
	}
}

func k8sMain() {
	var kinds []string
	for _, k := range k8sKinds {
		kinds = append(kinds, fmt.Sprintf("kind %s %s %s", k.apiVersion, k.kind, k8sKindOf(reflect.TypeOf(k.obj))))
	}
	for len(k8sQueue) > 0 {
		t := k8sQueue[0]
		k8sQueue = k8sQueue[1:]
		lines := []string{"type " + goName(t)}
		jsonFields(t, &lines)
		k8sOut = append(k8sOut, strings.Join(lines, "\n"))
	}
	sort.Strings(k8sOut)
	fmt.Println("# Generated by src/analyze/typed/gen (go run . k8s > ../k8s-types.txt); do not edit.")
	for _, s := range kinds {
		fmt.Println(s)
	}
	for _, s := range k8sOut {
		fmt.Println(s)
	}
}
