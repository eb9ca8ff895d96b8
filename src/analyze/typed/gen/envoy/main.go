// Command envoy writes envoy-types.txt: every protobuf message istioctl can
// decode an EnvoyFilter patch value into, or resolve a `typed_config`
// `@type` URL to. It imports istioctl's own command package, so the
// protobuf registry it reads is the one linked into istioctl (go-control-plane,
// its contrib filters, Istio's own filters, cncf/xds, gRPC...), at the versions
// the pinned istio.io/istio module selects.
//
// The format is compact (the table is embedded in the mast binary):
//
//	@PACKAGE              messages and enums below are named relative to PACKAGE
//	M NAME [F]            a message; F: its file is FROZEN (udpa file_status)
//	 FIELD[=JSON] TYPE    a field; JSON only when not the default camel case
//	E NAME V1 V2 ...      an enum and its value names
//	X FULLNAME            an extension (named in the registry, not a message)
//
// TYPE is a scalar code (b bool, i int32, I int64, u uint32, U uint64,
// f float, d double, s string, y bytes), or mN / eN for the N-th message /
// enum of the file (counting from 0 in the order written), prefixed with
// `*` for a list or `K:` for a map with scalar key type K. Map entry messages
// are not written. The roots, one per EnvoyFilter applyTo, come first as
// `R APPLY_TO mN`.
//
// Run: go run . > ../../envoy-types.txt
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/structpb"

	udpaa "github.com/cncf/xds/go/udpa/annotations"
	networking "istio.io/api/networking/v1alpha3"
	// istioctl's commands: everything it links, and so registers.
	_ "istio.io/istio/istioctl/cmd"
	"istio.io/istio/pkg/config/xds"
)

func jsonCamelCase(s string) string {
	var b []byte
	wasUnderscore := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' {
			if wasUnderscore && 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
		}
		wasUnderscore = c == '_'
	}
	return string(b)
}

func frozen(md protoreflect.MessageDescriptor) bool {
	opts, ok := md.ParentFile().Options().(*descriptorpb.FileOptions)
	if !ok || opts == nil || !proto.HasExtension(opts, udpaa.E_FileStatus) {
		return false
	}
	st, ok := proto.GetExtension(opts, udpaa.E_FileStatus).(*udpaa.StatusAnnotation)
	return ok && st.PackageVersionStatus == udpaa.PackageVersionStatus_FROZEN
}

var (
	msgs  = map[protoreflect.FullName]protoreflect.MessageDescriptor{}
	enums = map[protoreflect.FullName]protoreflect.EnumDescriptor{}
)

func addMessage(md protoreflect.MessageDescriptor) {
	if md.IsMapEntry() {
		addField(md.Fields().ByNumber(1))
		addField(md.Fields().ByNumber(2))
		return
	}
	if _, ok := msgs[md.FullName()]; ok {
		return
	}
	msgs[md.FullName()] = md
	for i := 0; i < md.Fields().Len(); i++ {
		addField(md.Fields().Get(i))
	}
}

func addField(fd protoreflect.FieldDescriptor) {
	switch {
	case fd.Enum() != nil:
		enums[fd.Enum().FullName()] = fd.Enum()
	case fd.Message() != nil:
		addMessage(fd.Message())
	}
}

// rootOf is the message istioctl decodes an applyTo's patch value into
// (nil when it decodes none), asked of istioctl's own code.
func rootOf(at networking.EnvoyFilter_ApplyTo) protoreflect.MessageDescriptor {
	obj, err := xds.BuildXDSObjectFromStruct(at, &structpb.Struct{}, true)
	if err != nil || obj == nil {
		return nil
	}
	return obj.ProtoReflect().Descriptor()
}

func main() {
	protoregistry.GlobalTypes.RangeMessages(func(mt protoreflect.MessageType) bool {
		addMessage(mt.Descriptor())
		return true
	})
	protoregistry.GlobalTypes.RangeEnums(func(et protoreflect.EnumType) bool {
		enums[et.Descriptor().FullName()] = et.Descriptor()
		return true
	})
	var exts []string
	protoregistry.GlobalTypes.RangeExtensions(func(xt protoreflect.ExtensionType) bool {
		exts = append(exts, string(xt.TypeDescriptor().FullName()))
		return true
	})
	sort.Strings(exts)

	// Messages and enums sorted by package, then name; indices in that order.
	type entry struct {
		pkg, rel string
		md       protoreflect.MessageDescriptor
		ed       protoreflect.EnumDescriptor
	}
	split := func(d protoreflect.Descriptor) (string, string) {
		pkg := string(d.ParentFile().Package())
		rel := strings.TrimPrefix(string(d.FullName()), pkg+".")
		if pkg == "" {
			rel = string(d.FullName())
		}
		return pkg, rel
	}
	var entries []entry
	for _, md := range msgs {
		p, r := split(md)
		entries = append(entries, entry{pkg: p, rel: r, md: md})
	}
	for _, ed := range enums {
		p, r := split(ed)
		entries = append(entries, entry{pkg: p, rel: r, ed: ed})
	}
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.pkg != b.pkg {
			return a.pkg < b.pkg
		}
		if (a.md == nil) != (b.md == nil) {
			return a.md != nil
		}
		return a.rel < b.rel
	})
	msgIdx := map[protoreflect.FullName]int{}
	enumIdx := map[protoreflect.FullName]int{}
	for _, e := range entries {
		if e.md != nil {
			msgIdx[e.md.FullName()] = len(msgIdx)
		} else {
			enumIdx[e.ed.FullName()] = len(enumIdx)
		}
	}

	scalar := func(fd protoreflect.FieldDescriptor) string {
		switch fd.Kind() {
		case protoreflect.BoolKind:
			return "b"
		case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
			return "i"
		case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
			return "I"
		case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
			return "u"
		case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
			return "U"
		case protoreflect.FloatKind:
			return "f"
		case protoreflect.DoubleKind:
			return "d"
		case protoreflect.StringKind:
			return "s"
		case protoreflect.BytesKind:
			return "y"
		case protoreflect.EnumKind:
			return fmt.Sprintf("e%d", enumIdx[fd.Enum().FullName()])
		case protoreflect.MessageKind, protoreflect.GroupKind:
			return fmt.Sprintf("m%d", msgIdx[fd.Message().FullName()])
		}
		panic(fmt.Sprintf("kind %v", fd.Kind()))
	}

	w := os.Stdout
	fmt.Fprintln(w, "# Generated by src/analyze/typed/gen/envoy (go run . > ../../envoy-types.txt); do not edit.")
	var roots []string
	for v := range networking.EnvoyFilter_ApplyTo_name {
		at := networking.EnvoyFilter_ApplyTo(v)
		md := rootOf(at)
		if md == nil {
			continue
		}
		roots = append(roots, fmt.Sprintf("R %s m%d", at, msgIdx[md.FullName()]))
	}
	sort.Strings(roots)
	for _, r := range roots {
		fmt.Fprintln(w, r)
	}
	pkg := "\x00"
	for _, e := range entries {
		if e.pkg != pkg {
			pkg = e.pkg
			fmt.Fprintf(w, "@%s\n", pkg)
		}
		if e.ed != nil {
			var names []string
			for i := 0; i < e.ed.Values().Len(); i++ {
				names = append(names, string(e.ed.Values().Get(i).Name()))
			}
			fmt.Fprintf(w, "E %s %s\n", e.rel, strings.Join(names, " "))
			continue
		}
		line := "M " + e.rel
		if frozen(e.md) {
			line += " F"
		}
		fmt.Fprintln(w, line)
		fds := e.md.Fields()
		for i := 0; i < fds.Len(); i++ {
			fd := fds.Get(i)
			name := string(fd.Name())
			if fd.JSONName() != jsonCamelCase(name) {
				name += "=" + fd.JSONName()
			}
			var ty string
			switch {
			case fd.IsMap():
				ty = scalar(fd.MapKey()) + ":" + scalar(fd.MapValue())
			case fd.IsList():
				ty = "*" + scalar(fd)
			default:
				ty = scalar(fd)
			}
			fmt.Fprintf(w, " %s %s\n", name, ty)
		}
	}
	for _, x := range exts {
		fmt.Fprintf(w, "X %s\n", x)
	}
}
