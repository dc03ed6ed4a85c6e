{{/*
Every named template of the chart: names, labels, the Secrets and ConfigMaps the pods mount, the
paths where the pod sees its files, and Sieve's config file (sieve.configFile, rendered into
templates/configmap.yaml and hashed into the Deployment's checksum/config). The paths are a contract
with that config file: change them together.
*/}}

{{- define "sieve.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sieve.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sieve.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sieve.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sieve.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sieve.labels" -}}
helm.sh/chart: {{ include "sieve.chart" . }}
{{ include "sieve.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sieve
{{- end }}

{{- define "sieve.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sieve.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sieve.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret (tls.crt, tls.key) holding the shared CA. */}}
{{- define "sieve.caSecretName" -}}
{{- if .Values.ca.certManager.enabled }}
{{- printf "%s-ca" (include "sieve.fullname" .) }}
{{- else }}
{{- required "ca.existingSecret: \"\" (expected: the name of a kubernetes.io/tls Secret with the CA, or ca.certManager.enabled: true)" .Values.ca.existingSecret }}
{{- end }}
{{- end }}

{{/* The ConfigMap with the rule files, or "" for the built-in pack. */}}
{{- define "sieve.rulesConfigMap" -}}
{{- if eq .Values.rules.source "configMap" }}
{{- printf "%s-rules" (include "sieve.fullname" .) }}
{{- else if eq .Values.rules.source "existingConfigMap" }}
{{- required "rules.existingConfigMap: \"\" (expected: the DLP team's ConfigMap name when rules.source is existingConfigMap)" .Values.rules.existingConfigMap }}
{{- end }}
{{- end }}

{{/*
The Secret with the audit HMAC key every replica shares. Required in every configuration: without it
each pod would create its own key in dataDir, an emptyDir lost with the pod, and no audit chain could
be verified off the pod (or at all once the pod is gone), whatever replicaCount is.
*/}}
{{- define "sieve.auditKeySecretName" -}}
{{- required (printf "audit.hmacKey.existingSecret: \"\" (expected: the name of a Secret with the audit HMAC key that every replica shares, e.g. sieve-audit-key; without one each pod would chain its audit records with a key of its own, lost with the pod, and no chain could be verified. Create it with: head -c 32 /dev/urandom > %s && kubectl -n %s create secret generic sieve-audit-key --from-file=%s && rm %s)" .Values.audit.hmacKey.key .Release.Namespace .Values.audit.hmacKey.key .Values.audit.hmacKey.key) .Values.audit.hmacKey.existingSecret }}
{{- end }}

{{- define "sieve.killSwitchConfigMap" -}}
{{- default (printf "%s-killswitch" (include "sieve.fullname" .)) .Values.killSwitch.existingConfigMap }}
{{- end }}

{{/* Whether the admin Service exists: asked for, or needed by a ServiceMonitor. */}}
{{- define "sieve.adminServiceEnabled" -}}
{{- if or .Values.admin.service.enabled .Values.serviceMonitor.enabled }}true{{- end }}
{{- end }}

{{/* Mount points inside the pod. */}}
{{- define "sieve.path.config" -}}/etc/sieve/config{{- end }}
{{- define "sieve.path.ca" -}}/etc/sieve/ca{{- end }}
{{- define "sieve.path.rules" -}}/etc/sieve/rules{{- end }}
{{- define "sieve.path.killSwitch" -}}/etc/sieve/killswitch{{- end }}
{{- define "sieve.path.audit" -}}/etc/sieve/audit{{- end }}
{{- define "sieve.path.auditSigning" -}}/etc/sieve/audit-signing{{- end }}
{{- define "sieve.path.anchors" -}}/var/lib/sieve-anchors{{- end }}
{{- define "sieve.path.admin" -}}/etc/sieve/admin{{- end }}
{{- define "sieve.path.auth" -}}/etc/sieve/auth{{- end }}
{{- define "sieve.path.tokenKeys" -}}/etc/sieve/token-keys{{- end }}
{{- define "sieve.path.revocations" -}}/etc/sieve/revocations{{- end }}
{{- define "sieve.path.upstreamCa" -}}/etc/sieve/upstream-ca{{- end }}
{{- define "sieve.path.redaction" -}}/etc/sieve/redaction{{- end }}
{{- define "sieve.path.credentials" -}}/etc/sieve/credentials{{- end }}
{{- define "sieve.path.webhooks" -}}/etc/sieve/webhooks{{- end }}
{{- define "sieve.path.redis" -}}/etc/sieve/redis{{- end }}
{{- define "sieve.path.redisCa" -}}/etc/sieve/redis-ca{{- end }}
{{- define "sieve.path.export" -}}/etc/sieve/export{{- end }}

{{/*
The egress rule to DNS (53/UDP, 53/TCP), shared by Sieve's NetworkPolicy and the agents': the cluster
DNS pods, plus NodeLocal DNSCache's address (hostNetwork, so no pod selector matches it) and further
DNS servers when configured. Rendered as a one-item list of NetworkPolicyEgressRule.
*/}}
{{- define "sieve.dnsEgressRule" -}}
{{- $dns := .Values.networkPolicy.dns -}}
- to:
    - namespaceSelector:
        {{- toYaml $dns.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml $dns.podSelector | nindent 8 }}
    {{- if $dns.nodeLocalDNS.enabled }}
    {{- $address := $dns.nodeLocalDNS.address }}
    - ipBlock:
        cidr: {{ printf "%s/%s" $address (ternary "128" "32" (contains ":" $address)) | quote }}
    {{- end }}
    {{- range $dns.extraCidrs }}
    - ipBlock:
        cidr: {{ . | quote }}
    {{- end }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/*
Egress ports to the internet: networkPolicy.egress.ports plus every port of config.allow, sorted
and unique. Rendered as a YAML list of integers.
*/}}
{{- define "sieve.egressPorts" -}}
{{- $ports := dict }}
{{- range .Values.networkPolicy.egress.ports }}
{{- $_ := set $ports (printf "%05d" (int .)) (int .) }}
{{- end }}
{{- range .Values.config.allow }}
{{- range (default (list 443) .ports) }}
{{- $_ := set $ports (printf "%05d" (int .)) (int .) }}
{{- end }}
{{- end }}
{{- range $key := keys $ports | sortAlpha }}
- {{ get $ports $key }}
{{- end }}
{{- end }}

{{- /*
Sieve's config file. Only keys Sieve's config loader knows are rendered (it rejects unknown keys);
file paths point at the mounts of templates/deployment.yaml. No secret value is ever rendered
here: tokens, keys and the CA key come from Secrets mounted as files.
*/ -}}
{{- define "sieve.configFile" -}}
{{- $c := .Values.config -}}
# Rendered by the Sieve Helm chart from values.config; keys as in sieve.example.yaml.
mode: {{ .Values.mode | quote }}
proxy:
  listen: {{ printf "%s:%d" (include "sieve.listenHost" $c.proxy.listenHost) (int $c.proxy.port) | quote }}
  maxInitialLineBytes: {{ $c.proxy.maxInitialLineBytes | quote }}
  maxHeaderBytes: {{ $c.proxy.maxHeaderBytes | quote }}
  connectTimeout: {{ $c.proxy.connectTimeout | quote }}
  idleTimeout: {{ $c.proxy.idleTimeout | quote }}
  responseTimeout: {{ $c.proxy.responseTimeout | quote }}
  workerThreads: {{ int $c.proxy.workerThreads }}
  headerTimeout: {{ $c.proxy.headerTimeout | quote }}
  minBodyBytesPerSecond: {{ $c.proxy.minBodyBytesPerSecond | quote }}
  minBodyRateGrace: {{ $c.proxy.minBodyRateGrace | quote }}
  maxConnections: {{ int $c.proxy.maxConnections }}
  maxConnectionsPerClient: {{ int $c.proxy.maxConnectionsPerClient }}
  http2: {{ $c.proxy.http2 }}
  http2MaxConcurrentStreams: {{ int $c.proxy.http2MaxConcurrentStreams }}
admin:
  listen: {{ printf "%s:%d" (include "sieve.listenHost" $c.admin.listenHost) (int $c.admin.port) | quote }}
  {{- if .Values.admin.token.existingSecret }}
  tokenFile: {{ printf "%s/%s" (include "sieve.path.admin" .) .Values.admin.token.key | quote }}
  {{- else if not (has $c.admin.listenHost (list "127.0.0.1" "localhost" "::1")) }}
  {{- fail (printf "admin.token.existingSecret: \"\" (expected: the name of a Secret with the admin API token, e.g. sieve-admin-token: the admin listener %s is not loopback, and Sieve refuses to start there without a token. Create it with: kubectl -n %s create secret generic sieve-admin-token --from-literal=%s=\"$(openssl rand -hex 24)\")" $c.admin.listenHost .Release.Namespace .Values.admin.token.key) }}
  {{- end }}
dataDir: {{ $c.dataDir | quote }}
ca:
  certFile: {{ printf "%s/tls.crt" (include "sieve.path.ca" .) | quote }}
  keyFile: {{ printf "%s/tls.key" (include "sieve.path.ca" .) | quote }}
  leafKeyType: {{ $c.ca.leafKeyType | quote }}
  leafValidity: {{ $c.ca.leafValidity | quote }}
  cacheSize: {{ int $c.ca.cacheSize }}
upstream:
  {{- if .Values.upstream.extraCa.configMap }}
  extraCaFiles:
    {{- range .Values.upstream.extraCa.keys }}
    - {{ printf "%s/%s" (include "sieve.path.upstreamCa" $) . | quote }}
    {{- end }}
  {{- else }}
  extraCaFiles: []
  {{- end }}
  {{- if $c.upstream.resolve }}
  resolve:
    {{- range $host, $ip := $c.upstream.resolve }}
    {{ $host | quote }}: {{ $ip | quote }}
    {{- end }}
  {{- else }}
  resolve: {}
  {{- end }}
  pool:
    maxIdlePerHost: {{ int $c.upstream.pool.maxIdlePerHost }}
    idleTimeout: {{ $c.upstream.pool.idleTimeout | quote }}
  http2: {{ $c.upstream.http2 }}
auth:
  required: {{ $c.auth.required }}
  {{- if .Values.auth.existingSecret }}
  tokenFile: {{ printf "%s/%s" (include "sieve.path.auth" .) .Values.auth.key | quote }}
  {{- end }}
  {{- if .Values.auth.verificationKeys.existingSecret }}
  verificationKeyDir: {{ include "sieve.path.tokenKeys" . | quote }}
  {{- end }}
  {{- if .Values.auth.revocations.existingConfigMap }}
  revocationFile: {{ printf "%s/%s" (include "sieve.path.revocations" .) .Values.auth.revocations.key | quote }}
  {{- end }}
inspection:
  maxBodyBytes: {{ $c.inspection.maxBodyBytes | quote }}
  maxBodyBytesInFlight: {{ $c.inspection.maxBodyBytesInFlight | quote }}
  failOpen: {{ $c.inspection.failOpen }}
  maxBodyBytesInFlightPerAgent: {{ $c.inspection.maxBodyBytesInFlightPerAgent | quote }}
  budgetWait: {{ $c.inspection.budgetWait | quote }}
  {{- with $c.inspection.limits }}
  limits:
    maxDecodedBytes: {{ .maxDecodedBytes | quote }}
    maxDecompressionRatio: {{ int .maxDecompressionRatio }}
    maxJsonDepth: {{ int .maxJsonDepth }}
    maxJsonStringBytes: {{ .maxJsonStringBytes | quote }}
    maxViews: {{ int .maxViews }}
    maxBase64Depth: {{ int .maxBase64Depth }}
    maxPdfPages: {{ int .maxPdfPages }}
    maxPdfBytes: {{ .maxPdfBytes | quote }}
    maxPdfTime: {{ .maxPdfTime | quote }}
    maxMultipartParts: {{ int .maxMultipartParts }}
    maxArchiveEntries: {{ int .maxArchiveEntries }}
    maxDecodeDepth: {{ int .maxDecodeDepth }}
    maxDecodeLayers: {{ int .maxDecodeLayers }}
    maxDecodeTime: {{ .maxDecodeTime | quote }}
  {{- end }}
  workers: {{ int $c.inspection.workers }}
  queue: {{ int $c.inspection.queue }}
  queueWait: {{ $c.inspection.queueWait | quote }}
  {{- with $c.inspection.websocket }}
  websocket:
    maxMessageBytes: {{ .maxMessageBytes | quote }}
    maxFragments: {{ int .maxFragments }}
    maxServerFrameBytes: {{ .maxServerFrameBytes | quote }}
  {{- end }}
rules:
  {{- if include "sieve.rulesConfigMap" . }}
  dir: {{ include "sieve.path.rules" . | quote }}
  {{- end }}
  builtin: {{ $c.rules.builtin }}
  {{- if $c.rules.disable }}
  disable:
    {{- range $c.rules.disable }}
    - {{ . | quote }}
    {{- end }}
  {{- else }}
  disable: []
  {{- end }}
  {{- if $c.rules.overrides }}
  overrides:
    {{- range $id, $o := $c.rules.overrides }}
    {{ $id | quote }}:
      {{- if hasKey $o "action" }}
      action: {{ $o.action | quote }}
      {{- end }}
      {{- if hasKey $o "actions" }}
      actions:
        {{- range $class, $a := $o.actions }}
        {{ $class | quote }}: {{ $a | quote }}
        {{- end }}
      {{- end }}
      {{- if hasKey $o "severity" }}
      severity: {{ $o.severity | quote }}
      {{- end }}
    {{- end }}
  {{- else }}
  overrides: {}
  {{- end }}
  allowEmpty: {{ $c.rules.allowEmpty }}
  engine: {{ $c.rules.engine | quote }}
  reloadInterval: {{ $c.rules.reloadInterval | quote }}
  compiledCache:
    enabled: {{ $c.rules.compiledCache.enabled }}
killSwitch:
  file: {{ printf "%s/%s" (include "sieve.path.killSwitch" .) .Values.killSwitch.key | quote }}
audit:
  files: {{ $c.audit.files }}
  stdout: {{ $c.audit.stdout }}
  maxFileBytes: {{ $c.audit.maxFileBytes | quote }}
  maxFileAge: {{ $c.audit.maxFileAge | quote }}
  queueCapacity: {{ int $c.audit.queueCapacity }}
  overflow: {{ $c.audit.overflow | quote }}
  hmacKeyFile: {{ printf "%s/%s" (include "sieve.path.audit" .) .Values.audit.hmacKey.key | quote }}
  {{- if $c.audit.webhooks }}
  webhooks:
    {{- range $c.audit.webhooks }}
    - name: {{ .name | quote }}
      {{- if hasKey . "url" }}
      url: {{ .url | quote }}
      {{- else }}
      urlFile: {{ printf "%s/%s" (include "sieve.path.webhooks" $) .urlSecretKey | quote }}
      {{- end }}
      {{- if hasKey . "format" }}
      format: {{ .format | quote }}
      {{- end }}
      {{- if hasKey . "secretKey" }}
      secretFile: {{ printf "%s/%s" (include "sieve.path.webhooks" $) .secretKey | quote }}
      {{- end }}
      {{- if hasKey . "records" }}
      records: [{{ range $i, $r := .records }}{{ if $i }}, {{ end }}{{ $r | quote }}{{ end }}]
      {{- end }}
      {{- if hasKey . "timeout" }}
      timeout: {{ .timeout | quote }}
      {{- end }}
      {{- if hasKey . "maxAttempts" }}
      maxAttempts: {{ int .maxAttempts }}
      {{- end }}
      {{- if hasKey . "backoff" }}
      backoff: {{ toJson .backoff }}
      {{- end }}
      {{- if hasKey . "queueCapacity" }}
      queueCapacity: {{ int .queueCapacity }}
      {{- end }}
      {{- if hasKey . "overflow" }}
      overflow: {{ .overflow | quote }}
      {{- end }}
    {{- end }}
  {{- end }}
  {{- if .Values.audit.export }}
  export:
    {{- range .Values.audit.export }}
    - name: {{ required "audit.export[].name: null (expected: a name, a-z 0-9 -)" .name | quote }}
      type: {{ .type | default "syslog" | quote }}
      format: {{ .format | default "json" | quote }}
      {{- with .records }}
      records: {{ toJson . }}
      {{- end }}
      {{- with .queueCapacity }}
      queueCapacity: {{ int . }}
      {{- end }}
      overflow: {{ .overflow | default "block" | quote }}
      {{- if eq (.type | default "syslog") "syslog" }}
      address: {{ required "audit.export[].address: null (expected: host:port of the syslog listener)" .address | quote }}
      transport: {{ .transport | default "tcp" | quote }}
      appName: {{ .appName | default "sieve" | quote }}
      facility: {{ .facility | default "local0" | quote }}
      {{- with .serverName }}
      serverName: {{ . | quote }}
      {{- end }}
      {{- if .caSecret }}
      caFile: {{ printf "%s/%s/ca/%s" (include "sieve.path.export" $) .name (.caKey | default "ca.crt") | quote }}
      {{- end }}
      {{- if .clientSecret }}
      certFile: {{ printf "%s/%s/client/tls.crt" (include "sieve.path.export" $) .name | quote }}
      keyFile: {{ printf "%s/%s/client/tls.key" (include "sieve.path.export" $) .name | quote }}
      {{- end }}
      {{- end }}
    {{- end }}
  {{- end }}
  {{- if .Values.audit.signingKey.existingSecret }}
  signing:
    keyFile: {{ printf "%s/%s" (include "sieve.path.auditSigning" .) .Values.audit.signingKey.key | quote }}
  {{- end }}
  anchors:
    interval: {{ $c.audit.anchors.interval | quote }}
    {{- if .Values.audit.anchors.existingClaim }}
    file: {{ printf "%s/anchors.jsonl" (include "sieve.path.anchors" .) | quote }}
    {{- end }}
subdomains:
  check: {{ $c.subdomains.check }}
  maxLabelLength: {{ int $c.subdomains.maxLabelLength }}
  minEncodedLength: {{ int $c.subdomains.minEncodedLength }}
  maxEntropy: {{ $c.subdomains.maxEntropy }}
conversations:
  enabled: {{ $c.conversations.enabled }}
  maxStateBytes: {{ $c.conversations.maxStateBytes | quote }}
  idleExpiry: {{ $c.conversations.idleExpiry | quote }}
  history: {{ $c.conversations.history | quote }}
  {{- if $c.conversations.historyCategories }}
  historyCategories:
    {{- range $category, $action := $c.conversations.historyCategories }}
    {{ $category }}: {{ $action | quote }}
    {{- end }}
  {{- else }}
  historyCategories: {}
  {{- end }}
redaction:
  {{- if .Values.redaction.key.existingSecret }}
  keyFile: {{ printf "%s/%s" (include "sieve.path.redaction" .) .Values.redaction.key.key | quote }}
  {{- else }}
  keyFile: null
  {{- end }}
  restoreInResponses: {{ $c.redaction.restoreInResponses }}
  restoreMaxBytes: {{ $c.redaction.restoreMaxBytes | quote }}
  restoreTtl: {{ $c.redaction.restoreTtl | quote }}
refusals:
  explainInTunnel: {{ $c.refusals.explainInTunnel }}
{{- if $c.allow }}
allow:
  {{- range $c.allow }}
  - host: {{ .host | quote }}
    {{- if hasKey . "ports" }}
    ports: [{{ range $i, $p := .ports }}{{ if $i }}, {{ end }}{{ int $p }}{{ end }}]
    {{- end }}
    {{- if hasKey . "mode" }}
    mode: {{ .mode | quote }}
    {{- end }}
    {{- if hasKey . "privateAddresses" }}
    privateAddresses: {{ .privateAddresses }}
    {{- end }}
    {{- if hasKey . "plainHttp" }}
    plainHttp: {{ .plainHttp }}
    {{- end }}
    {{- if hasKey . "class" }}
    class: {{ .class | quote }}
    {{- end }}
    {{- if hasKey . "subdomains" }}
    subdomains:
      {{- toYaml .subdomains | nindent 6 }}
    {{- end }}
    {{- if hasKey . "inspection" }}
    inspection:
      {{- toYaml .inspection | nindent 6 }}
    {{- end }}
    {{- if hasKey . "mcp" }}
    mcp: {{ .mcp }}
    {{- end }}
    {{- if hasKey . "websocket" }}
    websocket: {{ .websocket }}
    {{- end }}
    {{- if hasKey . "tools" }}
    tools:
      {{- toYaml .tools | nindent 6 }}
    {{- end }}
  {{- end }}
{{- end }}
credentials:
  placeholder: {{ $c.credentials.placeholder | quote }}
  requireInjected: {{ $c.credentials.requireInjected }}
  refreshInterval: {{ $c.credentials.refreshInterval | quote }}
  {{- if $c.credentials.entries }}
  entries:
    {{- range $c.credentials.entries }}
    - destination: {{ .destination | quote }}
      {{- if hasKey . "agents" }}
      agents: [{{ range $i, $a := .agents }}{{ if $i }}, {{ end }}{{ $a | quote }}{{ end }}]
      {{- end }}
      {{- if hasKey . "tokenScopes" }}
      tokenScopes: [{{ range $i, $a := .tokenScopes }}{{ if $i }}, {{ end }}{{ $a | quote }}{{ end }}]
      {{- end }}
      kind: {{ .kind | quote }}
      {{- if hasKey . "header" }}
      header: {{ .header | quote }}
      {{- end }}
      {{- if hasKey . "prefix" }}
      prefix: {{ .prefix | quote }}
      {{- end }}
      {{- if hasKey . "query" }}
      query: {{ .query | quote }}
      {{- end }}
      secretFile: {{ printf "%s/%s" (include "sieve.path.credentials" $) .secretKey | quote }}
      {{- if hasKey . "requireInjected" }}
      requireInjected: {{ .requireInjected }}
      {{- end }}
    {{- end }}
  {{- else }}
  entries: []
  {{- end }}
{{- with $c.budgets }}
budgets:
  default: {{ index . "default" | default dict | toJson }}
  agents: {{ .agents | default dict | toJson }}
  destinations: {{ .destinations | default list | toJson }}
  metricAgentLabels: {{ int .metricAgentLabels }}
{{- end }}
{{- with $c.alerts }}
alerts: {{ . | toJson }}
{{- end }}
{{- with .Values.state.redis }}
state:
  redis:
    url: {{ if .url }}{{ .url | quote }}{{ else }}null{{ end }}
    passwordFile: {{ if .existingSecret }}{{ printf "%s/%s" (include "sieve.path.redis" $) .key | quote }}{{ else }}null{{ end }}
    caFile: {{ if .tls.caSecret }}{{ printf "%s/%s" (include "sieve.path.redisCa" $) .tls.caKey | quote }}{{ else }}null{{ end }}
    timeout: {{ .timeout | quote }}
    leaseTtl: {{ .leaseTtl | quote }}
{{- end }}
{{- end -}}

{{- /* The port of state.redis.url (default 6379). */ -}}
{{- define "sieve.redisPort" -}}
{{- $host := (urlParse .Values.state.redis.url).host -}}
{{- if contains ":" $host }}{{ last (splitList ":" $host) }}{{ else }}6379{{ end -}}
{{- end -}}

{{- /* "::" and other IPv6 hosts are bracketed in a listen address. */ -}}
{{- define "sieve.listenHost" -}}
{{- if contains ":" . }}{{ printf "[%s]" . }}{{ else }}{{ . }}{{ end }}
{{- end -}}

{{/*
The keys of webhooks.existingSecret that config.audit.webhooks name (urlSecretKey, secretKey), one per line;
empty when none does. Fails the install when a key is named without the Secret.
*/}}
{{- define "sieve.webhookSecretKeys" -}}
{{- $keys := list }}
{{- range .Values.config.audit.webhooks }}
{{- if hasKey . "urlSecretKey" }}{{ $keys = append $keys .urlSecretKey }}{{ end }}
{{- if hasKey . "secretKey" }}{{ $keys = append $keys .secretKey }}{{ end }}
{{- end }}
{{- if $keys }}
{{- $_ := required "webhooks.existingSecret: \"\" (expected: the name of a Secret holding the keys config.audit.webhooks names in urlSecretKey and secretKey, e.g. sieve-webhooks)" .Values.webhooks.existingSecret }}
{{- end }}
{{- range uniq $keys }}
{{ . }}
{{- end }}
{{- end }}
