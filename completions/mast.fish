# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mast_global_optspecs
    string join \n kubeconfig= context= n/namespace= i/istio-namespace= color= v/verbose q/quiet h/help V/version
end

function __fish_mast_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mast_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mast_using_subcommand
    set -l cmd (__fish_mast_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mast -n "__fish_mast_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_needs_command" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_needs_command" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_needs_command" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_needs_command" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_needs_command" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_needs_command" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_needs_command" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_needs_command" -f -a "install" -d 'Install, upgrade, verify and remove the Istio control plane (not built yet)'
complete -c mast -n "__fish_mast_needs_command" -f -a "inject" -d 'Add Istio sidecars to Kubernetes manifests (as istioctl kube-inject)'
complete -c mast -n "__fish_mast_needs_command" -f -a "kube-inject" -d 'Add Istio sidecars to Kubernetes manifests (as istioctl kube-inject)'
complete -c mast -n "__fish_mast_needs_command" -f -a "proxy-config" -d 'Show an Envoy proxy\'s configuration: clusters, listeners, routes, endpoints, secrets, log levels'
complete -c mast -n "__fish_mast_needs_command" -f -a "pc" -d 'Show an Envoy proxy\'s configuration: clusters, listeners, routes, endpoints, secrets, log levels'
complete -c mast -n "__fish_mast_needs_command" -f -a "analyze" -d 'Find misconfiguration in mesh configuration (Istio\'s analyzers, istioctl\'s codes)'
complete -c mast -n "__fish_mast_needs_command" -f -a "label" -d 'Turn sidecar injection on or off for namespaces, and list every namespace\'s injection state'
complete -c mast -n "__fish_mast_needs_command" -f -a "check-inject" -d 'Explain whether a pod (or a pod with given labels) gets a sidecar, and which webhook injects it'
complete -c mast -n "__fish_mast_needs_command" -f -a "describe" -d 'Describe a pod and the Istio configuration that affects its traffic (istioctl x describe)'
complete -c mast -n "__fish_mast_needs_command" -f -a "des" -d 'Describe a pod and the Istio configuration that affects its traffic (istioctl x describe)'
complete -c mast -n "__fish_mast_needs_command" -f -a "version" -d 'Print the version of mast'
complete -c mast -n "__fish_mast_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c mast -n "__fish_mast_needs_command" -f -a "generate-docs" -d 'Regenerate completions, man pages and docs/cli.md (for maintainers)'
complete -c mast -n "__fish_mast_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand install" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand install" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand install" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand install" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand install" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand install" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand install" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand install" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand inject" -s f -l filename -d 'Input manifests: files, directories or - for stdin (repeatable)' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -s o -l output -d 'Write the result to FILE (atomically: nothing is written unless every document succeeds)' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -l injectConfigFile -l inject-config-file -d 'Injector config: the `config` key of ConfigMap istio-sidecar-injector, or one template' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -l meshConfigFile -l mesh-config-file -d 'Mesh config: the `mesh` key of ConfigMap istio' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -l valuesFile -l values-file -d 'Helm values: the `values` key of ConfigMap istio-sidecar-injector' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -s r -l revision -d 'Control plane revision (ConfigMap suffix, istio.io/rev annotation)' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -l native-sidecars -d 'Put the sidecar in initContainers (Kubernetes native sidecars). auto honours $ENABLE_NATIVE_SIDECARS and is off offline, as istioctl' -r -f -a "auto\t''
true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand inject" -l meshConfigMapName -d 'Mesh ConfigMap name (cluster mode)' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -l injectConfigMapName -d 'Injector ConfigMap name (cluster mode)' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -l webhookConfig -d 'Accepted for istioctl compatibility; unused' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -l operatorFileName -d 'IstioOperator input (not supported: use the generated files)' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand inject" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand inject" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand inject" -l in-place -d 'Rewrite each input file with its injected content (atomically, permissions kept)'
complete -c mast -n "__fish_mast_using_subcommand inject" -l uninject -d 'Remove what injection added instead of injecting'
complete -c mast -n "__fish_mast_using_subcommand inject" -l compat -d 'Reproduce istioctl exactly: skipped workloads are re-serialized too'
complete -c mast -n "__fish_mast_using_subcommand inject" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand inject" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand inject" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand inject" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s f -l filename -d 'Input manifests: files, directories or - for stdin (repeatable)' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s o -l output -d 'Write the result to FILE (atomically: nothing is written unless every document succeeds)' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l injectConfigFile -l inject-config-file -d 'Injector config: the `config` key of ConfigMap istio-sidecar-injector, or one template' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l meshConfigFile -l mesh-config-file -d 'Mesh config: the `mesh` key of ConfigMap istio' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l valuesFile -l values-file -d 'Helm values: the `values` key of ConfigMap istio-sidecar-injector' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s r -l revision -d 'Control plane revision (ConfigMap suffix, istio.io/rev annotation)' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l native-sidecars -d 'Put the sidecar in initContainers (Kubernetes native sidecars). auto honours $ENABLE_NATIVE_SIDECARS and is off offline, as istioctl' -r -f -a "auto\t''
true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l meshConfigMapName -d 'Mesh ConfigMap name (cluster mode)' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l injectConfigMapName -d 'Injector ConfigMap name (cluster mode)' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l webhookConfig -d 'Accepted for istioctl compatibility; unused' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l operatorFileName -d 'IstioOperator input (not supported: use the generated files)' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l in-place -d 'Rewrite each input file with its injected content (atomically, permissions kept)'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l uninject -d 'Remove what injection added instead of injecting'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -l compat -d 'Reproduce istioctl exactly: skipped workloads are re-serialized too'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand kube-inject" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "cluster" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "clusters" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "c" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "listener" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "listeners" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "l" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "route" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "routes" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "r" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "endpoint" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "endpoints" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ep" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "eds" -d 'Endpoints from the config dump (EDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "secret" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "secrets" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "s" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "bootstrap" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "b" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ecds" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ec" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "all" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "a" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "log" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "o" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from cluster" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from clusters" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from c" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listener" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from listeners" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from l" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from route" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from routes" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from r" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoint" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from endpoints" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ep" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from eds" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secret" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from secrets" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from s" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from bootstrap" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from b" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ecds" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from ec" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l verbose -d 'Per-chain listener rows and per-route rows (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l port -d 'Filter clusters, listeners and endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l address -d 'Filter listeners and endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l type -d 'Filter listeners by type field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -l with-headers -d 'Print a header before each section'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from all" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l verbose -d 'Per-chain listener rows and per-route rows (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l port -d 'Filter clusters, listeners and endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l address -d 'Filter listeners and endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l type -d 'Filter listeners by type field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -l with-headers -d 'Print a header before each section'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from a" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s l -l selector -d 'Change the levels of the pods matching this label selector' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l admin -d 'An Envoy admin URL to use directly' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l level -d 'Comma-separated [<logger>:]<level> pairs; a bare <level> sets all loggers. Levels: trace, debug, info, warning, error, critical, off' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s r -l reset -d 'Reset all loggers to the default level (warning)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s l -l selector -d 'Change the levels of the pods matching this label selector' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l admin -d 'An Envoy admin URL to use directly' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l level -d 'Comma-separated [<logger>:]<level> pairs; a bare <level> sets all loggers. Levels: trace, debug, info, warning, error, critical, off' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s r -l reset -d 'Reset all loggers to the default level (warning)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from o" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "cluster" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "listener" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "route" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "endpoint" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "eds" -d 'Endpoints from the config dump (EDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "secret" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "bootstrap" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "ecds" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "all" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "log" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand proxy-config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "cluster" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "clusters" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "c" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "listener" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "listeners" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "l" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "route" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "routes" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "r" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "endpoint" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "endpoints" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ep" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "eds" -d 'Endpoints from the config dump (EDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "secret" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "secrets" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "s" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "bootstrap" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "b" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ecds" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "ec" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "all" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "a" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "log" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "o" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand pc; and not __fish_seen_subcommand_from cluster clusters c listener listeners l route routes r endpoint endpoints ep eds secret secrets s bootstrap b ecds ec all a log o help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from cluster" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from clusters" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l port -d 'Filter clusters by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from c" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listener" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from listeners" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l address -d 'Filter listeners by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l port -d 'Filter listeners by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l type -d 'Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l verbose -d 'One row per filter chain (MATCH, DESTINATION); false: one row per listener (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from l" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from route" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from routes" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l verbose -d 'One row per route; false: one row per route configuration (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from r" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoint" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from endpoints" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ep" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l address -d 'Filter endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l port -d 'Filter endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l cluster -d 'Filter endpoints by cluster name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l status -d 'Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from eds" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secret" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from secrets" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from s" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from bootstrap" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from b" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ecds" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from ec" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l verbose -d 'Per-chain listener rows and per-route rows (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l port -d 'Filter clusters, listeners and endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l address -d 'Filter listeners and endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l type -d 'Filter listeners by type field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -l with-headers -d 'Print a header before each section'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from all" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s f -l file -d 'A saved Envoy config dump (`-` for stdin); for `endpoint`, a /clusters?format=json body' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l admin -d 'An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l verbose -d 'Per-chain listener rows and per-route rows (Shares its id with the global `-v/--verbose`; no default value, so leaving it out does not switch the global verbosity on.)' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l fqdn -d 'Filter clusters by substring of Service FQDN field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l direction -d 'Filter clusters by Direction field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l subset -d 'Filter clusters by substring of Subset field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l port -d 'Filter clusters, listeners and endpoints by Port field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l address -d 'Filter listeners and endpoints by address field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l type -d 'Filter listeners by type field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l name -d 'Filter routes by route name field' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -l with-headers -d 'Print a header before each section'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from a" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s l -l selector -d 'Change the levels of the pods matching this label selector' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l admin -d 'An Envoy admin URL to use directly' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l level -d 'Comma-separated [<logger>:]<level> pairs; a bare <level> sets all loggers. Levels: trace, debug, info, warning, error, critical, off' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s r -l reset -d 'Reset all loggers to the default level (warning)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s l -l selector -d 'Change the levels of the pods matching this label selector' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l admin -d 'An Envoy admin URL to use directly' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l level -d 'Comma-separated [<logger>:]<level> pairs; a bare <level> sets all loggers. Levels: trace, debug, info, warning, error, critical, off' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s o -l output -d 'Output format: short (istioctl\'s tables), wide (extra columns and warming/rejected resources), json or yaml' -r -f -a "short\t''
wide\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l proxy-admin-port -d 'Envoy admin port in the pod' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s r -l reset -d 'Reset all loggers to the default level (warning)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from o" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "cluster" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "listener" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "route" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "endpoint" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "eds" -d 'Endpoints from the config dump (EDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "secret" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "bootstrap" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "ecds" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "all" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "log" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand pc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s k -l use-kube -d 'Use the live cluster as a base, with the files layered over it' -r -f -a "true\t''
false\t''"
complete -c mast -n "__fish_mast_using_subcommand analyze" -s o -l output -d 'Output format' -r -f -a "log\t''
json\t''
yaml\t''
sarif\t''
github\t''"
complete -c mast -n "__fish_mast_using_subcommand analyze" -l failure-threshold -d 'Exit 79 when a message at or above this level is found: Info, Warning or Error' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l output-threshold -d 'Print messages at or above this level: Info, Warning or Error' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -s S -l suppress -d 'Suppress messages: CODE=RESOURCE-GLOB over "Kind ns/name" (e.g. "IST0102=Namespace dev-*"); repeatable' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l explain -d 'Explain a message code (e.g. IST0101) and the rules that emit it' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l meshConfigFile -l mesh-config-file -d 'A MeshConfig YAML body applied over Istio\'s defaults, in place of the cluster\'s (ignored, as by istioctl, when Istio rejects it)' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -s r -l revision -d 'Control plane revision: live Istio resources labelled for another revision are ignored' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l remote-contexts -d 'Kubeconfig contexts of remote clusters for multi-cluster analysis (not --context); repeatable. Without it, remote clusters come from the Istio namespace\'s secrets labelled istio/multiCluster=true' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l analyzer -d 'Run only these analyzers (istioctl names, as -L lists them); repeatable' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l timeout -d 'How long to wait for the cluster' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand analyze" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand analyze" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand analyze" -s A -l all-namespaces -d 'Analyze all namespaces (files mode always does unless -n is given)'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s L -l list-analyzers -d 'List the analyzers (istioctl\'s names) and exit'
complete -c mast -n "__fish_mast_using_subcommand analyze" -l ignore-unknown -d 'Do not exit 65 when some input cannot be parsed or decoded'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s R -l recursive -d 'Accepted for istioctl compatibility: directories are always walked recursively'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand analyze" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -f -a "namespace" -d 'Turn injection on (istio-injection=enabled, or istio.io/rev=REV) or off for namespaces'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -f -a "ns" -d 'Turn injection on (istio-injection=enabled, or istio.io/rev=REV) or off for namespaces'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -f -a "list" -d 'List namespaces with their injection state, revision, webhook and conflicts'
complete -c mast -n "__fish_mast_using_subcommand label; and not __fish_seen_subcommand_from namespace ns list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s r -l revision -d 'Inject with this control-plane revision or revision tag (sets istio.io/rev)' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l dry-run -d 'Show the change without making it: client (no request) or server (the API server validates it)' -r -f -a "none\t''
client\t''
server\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s o -l output -d 'Print the resulting Namespace objects instead of one line per namespace' -r -f -a "json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s f -l filename -d 'Rewrite Namespace documents in this manifest file (- for stdin) instead of the cluster' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l enable -d 'Turn injection on: istio-injection=enabled, or istio.io/rev=REV with --revision'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l disable -d 'Turn injection off: istio-injection=disabled'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l overwrite -d 'Replace existing injection labels (as kubectl label --overwrite)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -l force -d 'Label system and control-plane namespaces, or revisions with no control plane, anyway'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from namespace" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s r -l revision -d 'Inject with this control-plane revision or revision tag (sets istio.io/rev)' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l dry-run -d 'Show the change without making it: client (no request) or server (the API server validates it)' -r -f -a "none\t''
client\t''
server\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s o -l output -d 'Print the resulting Namespace objects instead of one line per namespace' -r -f -a "json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s f -l filename -d 'Rewrite Namespace documents in this manifest file (- for stdin) instead of the cluster' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l enable -d 'Turn injection on: istio-injection=enabled, or istio.io/rev=REV with --revision'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l disable -d 'Turn injection off: istio-injection=disabled'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l overwrite -d 'Replace existing injection labels (as kubectl label --overwrite)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -l force -d 'Label system and control-plane namespaces, or revisions with no control plane, anyway'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from ns" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'Every namespace, labelled or not'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from help" -f -a "namespace" -d 'Turn injection on (istio-injection=enabled, or istio.io/rev=REV) or off for namespaces'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from help" -f -a "list" -d 'List namespaces with their injection state, revision, webhook and conflicts'
complete -c mast -n "__fish_mast_using_subcommand label; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s l -l labels -l selector -d 'Check a pod that would have these labels (k=v,k2=v2) in the namespace given by -n' -r
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand check-inject" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand check-inject" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand check-inject" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand check-inject" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -f -a "pod" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -f -a "po" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand describe; and not __fish_seen_subcommand_from pod po help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l admin -d 'Also read the pod\'s Envoy config dump from this admin URL (e.g. http://127.0.0.1:15000)' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l proxy-admin-port -d 'Envoy admin port in the pod (with --proxy)' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -l proxy -d 'Also read the pod\'s Envoy config dump through a port-forward to its admin port'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from pod" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l admin -d 'Also read the pod\'s Envoy config dump from this admin URL (e.g. http://127.0.0.1:15000)' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l proxy-admin-port -d 'Envoy admin port in the pod (with --proxy)' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -l proxy -d 'Also read the pod\'s Envoy config dump through a port-forward to its admin port'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from po" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from help" -f -a "pod" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand describe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -f -a "pod" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -f -a "po" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand des; and not __fish_seen_subcommand_from pod po help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l admin -d 'Also read the pod\'s Envoy config dump from this admin URL (e.g. http://127.0.0.1:15000)' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l proxy-admin-port -d 'Envoy admin port in the pod (with --proxy)' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -l proxy -d 'Also read the pod\'s Envoy config dump through a port-forward to its admin port'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from pod" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l admin -d 'Also read the pod\'s Envoy config dump from this admin URL (e.g. http://127.0.0.1:15000)' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l proxy-admin-port -d 'Envoy admin port in the pod (with --proxy)' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -l proxy -d 'Also read the pod\'s Envoy config dump through a port-forward to its admin port'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from po" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from help" -f -a "pod" -d 'A pod and the Istio configuration that affects it'
complete -c mast -n "__fish_mast_using_subcommand des; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand version" -s o -l output -d 'Output format' -r -f -a "short\t''
json\t''
yaml\t''"
complete -c mast -n "__fish_mast_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand version" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand version" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand version" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand version" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand version" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand version" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand version" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand version" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand completion" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand completion" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand completion" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand completion" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand completion" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand completion" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand completion" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand completion" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -l out -d 'The repository root to write into (completions/, docs/)' -r -F
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -l kubeconfig -d 'Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -l context -d 'The kubeconfig context to use' -r
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s n -l namespace -d 'The namespace (default: the context\'s namespace, else "default")' -r
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s i -l istio-namespace -l istioNamespace -d 'The namespace of the Istio control plane' -r
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -l color -d 'When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s v -l verbose -d 'Say more on stderr (which sources were used and why)'
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s q -l quiet -d 'Say nothing on stderr but errors'
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s h -l help -d 'Print help'
complete -c mast -n "__fish_mast_using_subcommand generate-docs" -s V -l version -d 'Print version'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "install" -d 'Install, upgrade, verify and remove the Istio control plane (not built yet)'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "inject" -d 'Add Istio sidecars to Kubernetes manifests (as istioctl kube-inject)'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "proxy-config" -d 'Show an Envoy proxy\'s configuration: clusters, listeners, routes, endpoints, secrets, log levels'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "analyze" -d 'Find misconfiguration in mesh configuration (Istio\'s analyzers, istioctl\'s codes)'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "label" -d 'Turn sidecar injection on or off for namespaces, and list every namespace\'s injection state'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "check-inject" -d 'Explain whether a pod (or a pod with given labels) gets a sidecar, and which webhook injects it'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "describe" -d 'Describe a pod and the Istio configuration that affects its traffic (istioctl x describe)'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "version" -d 'Print the version of mast'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "completion" -d 'Print a shell completion script'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "generate-docs" -d 'Regenerate completions, man pages and docs/cli.md (for maintainers)'
complete -c mast -n "__fish_mast_using_subcommand help; and not __fish_seen_subcommand_from install inject proxy-config analyze label check-inject describe version completion generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "cluster" -d 'Cluster configuration (CDS)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "listener" -d 'Listener configuration (LDS)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "route" -d 'Route configuration (RDS)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "endpoint" -d 'Endpoints and their health, from Envoy\'s /clusters'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "eds" -d 'Endpoints from the config dump (EDS)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "secret" -d 'Secrets (SDS): certificates, validity, serials'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "bootstrap" -d 'Bootstrap configuration (default -o json; -o short for versions)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "ecds" -d 'Extension configuration (ECDS)'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "all" -d 'Everything: bootstrap, clusters, listeners, routes, secrets, endpoints'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from proxy-config" -f -a "log" -d 'Show or change Envoy\'s log levels'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from label" -f -a "namespace" -d 'Turn injection on (istio-injection=enabled, or istio.io/rev=REV) or off for namespaces'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from label" -f -a "list" -d 'List namespaces with their injection state, revision, webhook and conflicts'
complete -c mast -n "__fish_mast_using_subcommand help; and __fish_seen_subcommand_from describe" -f -a "pod" -d 'A pod and the Istio configuration that affects it'
