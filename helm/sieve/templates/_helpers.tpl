{{/*
Names, labels and the paths where the pod sees its files. The paths are a contract with the
config the chart renders (templates/configmap.yaml): change them together.
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
{{- define "sieve.path.admin" -}}/etc/sieve/admin{{- end }}
{{- define "sieve.path.auth" -}}/etc/sieve/auth{{- end }}
{{- define "sieve.path.upstreamCa" -}}/etc/sieve/upstream-ca{{- end }}

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
