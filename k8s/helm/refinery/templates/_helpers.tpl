{{/* Name of the chart, or nameOverride. */}}
{{- define "refinery.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource name. */}}
{{- define "refinery.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels on every resource. */}}
{{- define "refinery.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: refinery
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The effective settings of one service: defaults deep-merged with services.<key>.
Call with (dict "root" $ "key" "metrics"); returns YAML (use fromYaml).
*/}}
{{- define "refinery.service" -}}
{{- $svc := index .root.Values.services .key -}}
{{- $merged := mustMergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $svc) -}}
{{- $_ := set $merged "key" .key -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Resource name of one service: <fullname>-<appName>. Call with (dict "root" $ "svc" $svc). */}}
{{- define "refinery.serviceName" -}}
{{- printf "%s-%s" (include "refinery.fullname" .root) .svc.appName | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of one service's pods. Call with (dict "root" $ "svc" $svc). */}}
{{- define "refinery.selectorLabels" -}}
app.kubernetes.io/name: {{ .svc.appName }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of one service's resources. Call with (dict "root" $ "svc" $svc). */}}
{{- define "refinery.serviceLabels" -}}
{{ include "refinery.labels" .root }}
app.kubernetes.io/name: {{ .svc.appName }}
app.kubernetes.io/component: {{ .svc.key }}
{{- end -}}

{{/* Image reference of one service. Call with (dict "root" $ "svc" $svc). */}}
{{- define "refinery.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := default .root.Chart.AppVersion $img.tag -}}
{{- if eq $img.variant "native" -}}{{- $tag = printf "%s%s" $tag $img.nativeTagSuffix -}}{{- end -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $img.registry) .svc.repository $tag -}}
{{- end -}}

{{/* Name of the ServiceAccount the pods run as. */}}
{{- define "refinery.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "refinery.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret with the database credentials. */}}
{{- define "refinery.databaseSecret" -}}
{{- if .Values.secrets.create -}}{{ include "refinery.fullname" . }}-database{{- else -}}{{ .Values.database.existingSecret }}{{- end -}}
{{- end -}}

{{/* Secret with the JWT public key. */}}
{{- define "refinery.jwtSecret" -}}
{{- if .Values.secrets.create -}}{{ include "refinery.fullname" . }}-jwt{{- else -}}{{ .Values.jwt.existingSecret }}{{- end -}}
{{- end -}}

{{/* Appends "?params" to a URL when params is not empty. Call with (list url params). */}}
{{- define "refinery.withParams" -}}
{{- $url := index . 0 -}}{{- $params := index . 1 -}}
{{- if $params -}}{{ printf "%s?%s" $url (trimPrefix "?" $params) }}{{- else -}}{{ $url }}{{- end -}}
{{- end -}}

{{/*
Plain (non-secret) configuration of one service as a name: value map in YAML. The names are the environment
variables its application.properties reads (REFINERY_DB_*, REFINERY_KAFKA) plus Quarkus/MicroProfile keys.
Call with (dict "root" $ "svc" $svc).
*/}}
{{- define "refinery.configEnv" -}}
{{- $v := .root.Values -}}
{{- $db := $v.database -}}
{{- $base := printf "%s:%d/%s" $db.host (int $db.port) $db.name -}}
REFINERY_DB_JDBC_URL: {{ include "refinery.withParams" (list (printf "jdbc:postgresql://%s" $base) $db.jdbcParameters) | quote }}
REFINERY_DB_REACTIVE_URL: {{ include "refinery.withParams" (list (printf "postgresql://%s" $base) $db.reactiveParameters) | quote }}
REFINERY_KAFKA: {{ $v.kafka.bootstrapServers | quote }}
QUARKUS_HTTP_PORT: {{ .svc.port | quote }}
MP_JWT_VERIFY_ISSUER: {{ $v.jwt.issuer | quote }}
{{- if eq $v.migrations.mode "job" }}
QUARKUS_FLYWAY_MIGRATE_AT_START: "false"
{{- end }}
{{- if eq $v.image.variant "jvm" }}
JAVA_OPTS: {{ printf "-XX:MaxRAMPercentage=%v -XX:InitialRAMPercentage=%v %s" .svc.jvm.maxRAMPercentage .svc.jvm.initialRAMPercentage .svc.jvm.extraOptions | trim | quote }}
{{- /* Two glibc malloc arenas instead of eight per core: less native memory held at idle (BENCHMARKS.md). */}}
MALLOC_ARENA_MAX: {{ .svc.jvm.mallocArenaMax | default 2 | quote }}
{{- end }}
{{- if eq .svc.key "oversight" }}
{{- /* The review evidence bundle calls the other three services through their Services (port 80). */}}
REFINERY_METRICS_URL: {{ include "refinery.serviceUrl" (dict "root" .root "key" "metrics") | quote }}
REFINERY_EXPERIMENTS_URL: {{ include "refinery.serviceUrl" (dict "root" .root "key" "experiment") | quote }}
REFINERY_FEEDBACK_URL: {{ include "refinery.serviceUrl" (dict "root" .root "key" "feedback") | quote }}
{{- end }}
{{- range $name, $value := .svc.env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* In-cluster base URL of one service, through its Service. Call with (dict "root" $ "key" "metrics"). */}}
{{- define "refinery.serviceUrl" -}}
{{- $svc := include "refinery.service" (dict "root" .root "key" .key) | fromYaml -}}
{{- printf "http://%s" (include "refinery.serviceName" (dict "root" .root "svc" $svc)) -}}
{{- end -}}

{{/* Secret with oversight-service's evidence token (a viewer JWT it presents to the other three). */}}
{{- define "refinery.evidenceSecret" -}}
{{- if .Values.secrets.create -}}{{ include "refinery.fullname" . }}-evidence{{- else -}}{{ .Values.evidence.existingSecret }}{{- end -}}
{{- end -}}

{{/* Environment variables read from Secrets. Call with (dict "root" $ "svc" $svc). */}}
{{- define "refinery.secretEnv" -}}
- name: REFINERY_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "refinery.databaseSecret" .root }}
      key: {{ if .root.Values.secrets.create }}username{{ else }}{{ .root.Values.database.userKey }}{{ end }}
- name: REFINERY_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "refinery.databaseSecret" .root }}
      key: {{ if .root.Values.secrets.create }}password{{ else }}{{ .root.Values.database.passwordKey }}{{ end }}
- name: MP_JWT_VERIFY_PUBLICKEY
  valueFrom:
    secretKeyRef:
      name: {{ include "refinery.jwtSecret" .root }}
      key: {{ if .root.Values.secrets.create }}public-key.pem{{ else }}{{ .root.Values.jwt.publicKeyKey }}{{ end }}
{{- if eq .svc.key "oversight" }}
- name: REFINERY_EVIDENCE_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "refinery.evidenceSecret" .root }}
      key: {{ if .root.Values.secrets.create }}token{{ else }}{{ .root.Values.evidence.tokenKey }}{{ end }}
      optional: true
{{- end }}
{{- end -}}

{{/* Container args: the native variant takes its heap share on the command line. */}}
{{- define "refinery.args" -}}
{{- if eq .root.Values.image.variant "native" -}}
args:
  - {{ printf "-XX:MaximumHeapSizePercent=%v" .svc.native.maximumHeapSizePercent | quote }}
{{- end -}}
{{- end -}}

{{/* Fails the render on settings that cannot work together. */}}
{{- define "refinery.validate" -}}
{{- if not (has .Values.image.variant (list "jvm" "native")) -}}
{{- fail (printf "image.variant must be jvm or native, not %q" .Values.image.variant) -}}
{{- end -}}
{{- if not (has .Values.migrations.mode (list "startup" "job")) -}}
{{- fail (printf "migrations.mode must be startup or job, not %q" .Values.migrations.mode) -}}
{{- end -}}
{{- if and (eq .Values.migrations.mode "job") .Values.secrets.create -}}
{{- fail "migrations.mode=job runs before the release's own resources exist: use existing Secrets (secrets.create=false)" -}}
{{- end -}}
{{- if and .Values.secrets.create (not .Values.secrets.jwtPublicKey) -}}
{{- fail "secrets.create=true needs secrets.jwtPublicKey (e.g. --set-file secrets.jwtPublicKey=dev-keys/dev-public-key.pem)" -}}
{{- end -}}
{{- end -}}
