{{/*
Chart name, as used in the app.kubernetes.io/name label.
*/}}
{{- define "connect-center.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-wide name prefix, at most 63 characters (a DNS label).
*/}}
{{- define "connect-center.fullname" -}}
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

{{/*
"<fullname>-<component>" within 63 characters. The prefix is cut, not the component, so that
two components of one release never collide on a long release name.
Call with (dict "root" $ "component" "intake").
*/}}
{{- define "connect-center.componentName" -}}
{{- $prefix := include "connect-center.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix .component }}
{{- end }}

{{/*
Per-service resource name (Deployment, Service, PDB, HPA). Call with (dict "root" $ "name" "intake").
*/}}
{{- define "connect-center.serviceFullname" -}}
{{- include "connect-center.componentName" (dict "root" .root "component" .name) }}
{{- end }}

{{- define "connect-center.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: never change them, Deployments' selectors are immutable.
Call with (dict "root" $ "component" "intake").
*/}}
{{- define "connect-center.selectorLabels" -}}
app.kubernetes.io/name: {{ include "connect-center.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Labels on every resource. Call with (dict "root" $ "component" "intake").
*/}}
{{- define "connect-center.labels" -}}
helm.sh/chart: {{ include "connect-center.chart" .root }}
{{ include "connect-center.selectorLabels" . }}
app.kubernetes.io/part-of: connect-center
app.kubernetes.io/version: {{ .root.Chart.AppVersion | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "connect-center.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "connect-center.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Deep merge for serviceDefaults + services.<name>: maps merge key by key, anything else in
"over" replaces "base". Unlike sprig's mergeOverwrite, a zero value in "over" (replicas: 0,
enabled: false) still wins, so it can be seen and validated. Returns YAML.
*/}}
{{- define "connect-center.deepMerge" -}}
{{- $out := deepCopy (.base | default dict) }}
{{- range $key, $over := (.over | default dict) }}
{{- $base := get $out $key }}
{{- if and (kindIs "map" $over) (kindIs "map" $base) }}
{{- $_ := set $out $key (include "connect-center.deepMerge" (dict "base" $base "over" $over) | fromYaml) }}
{{- else }}
{{- $_ := set $out $key $over }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/*
The effective settings of one service: serviceDefaults overlaid with services.<name>.
Returns YAML; use as (include "connect-center.serviceConfig" (dict "root" $ "name" "intake") | fromYaml).
*/}}
{{- define "connect-center.serviceConfig" -}}
{{- include "connect-center.deepMerge" (dict "base" .root.Values.serviceDefaults "over" (get .root.Values.services .name)) }}
{{- end }}

{{/*
Image reference of one service. Call with (dict "root" $ "name" "intake" "cfg" $cfg).
*/}}
{{- define "connect-center.image" -}}
{{- $img := .root.Values.image }}
{{- $own := .cfg.image | default dict }}
{{- $repository := $own.repository }}
{{- if not $repository }}
{{- $repository = printf "%s%s" $img.repositoryPrefix .name }}
{{- with $img.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- end }}
{{- $tag := $own.tag | default $img.tag | default .root.Chart.AppVersion }}
{{- if $own.digest }}
{{- printf "%s:%s@%s" $repository $tag $own.digest }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/*
MongoDB secret, key and database of one service, with the per-service overrides applied.
Returns YAML: {existingSecret, uriKey, database}. Call with (dict "root" $ "name" "intake" "cfg" $cfg).
*/}}
{{- define "connect-center.mongodb" -}}
{{- $global := .root.Values.mongodb }}
{{- $own := .cfg.mongodb | default dict }}
existingSecret: {{ $own.existingSecret | default $global.existingSecret | quote }}
uriKey: {{ $own.uriKey | default $global.uriKey | quote }}
database: {{ $own.database | default (printf "%s%s" $global.databasePrefix .name) | quote }}
{{- end }}

{{/*
Image of the topic Job: its own when kafka.topics.job.image.repository is set, else intake's.
*/}}
{{- define "connect-center.topicsJobImage" -}}
{{- $job := .Values.kafka.topics.job.image }}
{{- if $job.repository }}
{{- printf "%s:%s" $job.repository ($job.tag | default .Values.image.tag | default .Chart.AppVersion) }}
{{- else }}
{{- $cfg := include "connect-center.serviceConfig" (dict "root" . "name" "intake") | fromYaml }}
{{- $image := deepCopy ($cfg.image | default dict) }}
{{- if $job.tag }}
{{- $_ := set $image "tag" $job.tag }}
{{- $_ := set $image "digest" "" }}
{{- end }}
{{- $cfg = dict "image" $image }}
{{- include "connect-center.image" (dict "root" . "name" "intake" "cfg" $cfg) }}
{{- end }}
{{- end }}

{{/*
Data of the shared ConfigMap; its hash rolls the pods when it changes.
*/}}
{{- define "connect-center.configData" -}}
NODE_ENV: {{ .Values.app.nodeEnv | quote }}
HTTP_HOST: {{ .Values.app.httpHost | quote }}
LOG_LEVEL: {{ .Values.app.logLevel | quote }}
SHUTDOWN_TIMEOUT_MS: {{ .Values.shutdown.timeoutMs | int64 | toString | quote }}
{{ include "connect-center.kafkaEnvData" . }}
{{- end }}

{{/*
The Kafka connection settings, shared by the services' ConfigMap and the topic Job.
*/}}
{{- define "connect-center.kafkaEnvData" -}}
KAFKA_BROKERS: {{ join "," .Values.kafka.brokers | quote }}
KAFKA_SSL: {{ .Values.kafka.ssl | toString | quote }}
KAFKA_TOPIC_REPLICATION_FACTOR: {{ .Values.kafka.topics.replicationFactor | int | toString | quote }}
{{- with .Values.kafka.sasl.mechanism }}
KAFKA_SASL_MECHANISM: {{ . | quote }}
KAFKA_SASL_USERNAME: {{ $.Values.kafka.sasl.username | quote }}
{{- end }}
{{- end }}

{{/*
Where the extra CA bundle is mounted (NODE_EXTRA_CA_CERTS), and its volume. Empty when none.
*/}}
{{- define "connect-center.caBundlePath" -}}
{{- with .Values.tls.caBundle }}
{{- if or .secretName .configMapName }}
{{- printf "/etc/connect-center/ca/%s" .key }}
{{- end }}
{{- end }}
{{- end }}

{{- define "connect-center.caBundleVolume" -}}
{{- with .Values.tls.caBundle }}
- name: ca-bundle
  {{- if .secretName }}
  secret:
    secretName: {{ .secretName }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
  {{- else }}
  configMap:
    name: {{ .configMapName }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
  {{- end }}
{{- end }}
{{- end }}

{{/*
Environment of a container that talks to Kafka besides the ConfigMap: the SASL password and the
CA bundle. Used by the services and the topic Job.
*/}}
{{- define "connect-center.kafkaSecretEnv" -}}
{{- if .Values.kafka.sasl.mechanism }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret }}
      key: {{ .Values.kafka.sasl.passwordKey }}
{{- end }}
{{- with include "connect-center.caBundlePath" . }}
- name: NODE_EXTRA_CA_CERTS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
The ports of kafka.brokers (or networkPolicy.kafka.ports), unique, as a YAML list.
*/}}
{{- define "connect-center.kafkaPorts" -}}
{{- $ports := list }}
{{- range .Values.networkPolicy.kafka.ports }}
{{- $ports = append $ports (int .) }}
{{- end }}
{{- if not $ports }}
{{- range .Values.kafka.brokers }}
{{- $ports = append $ports (regexReplaceAll "^.*:" . "" | int) }}
{{- end }}
{{- end }}
{{- toYaml (uniq $ports) }}
{{- end }}

{{/*
NetworkPolicy egress rules every pod that talks to Kafka needs: DNS and the brokers. Call with
(dict "root" $ "mongodb" true) to add MongoDB.
*/}}
{{- define "connect-center.networkPolicyEgress" -}}
{{- $np := .root.Values.networkPolicy }}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with $np.dns.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
- ports:
    {{- range (include "connect-center.kafkaPorts" .root | fromYamlArray) }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with $np.kafka.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- if .mongodb }}
- ports:
    {{- range $np.mongodb.ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with $np.mongodb.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}

{{/*
Variables the chart sets from its own values, each with the value to use instead.
*/}}
{{- define "connect-center.reservedEnv" -}}
PORT: services.<name>.port
KAFKA_CLIENT_ID: kafka.clientIdPrefix
MONGODB_URI: mongodb.existingSecret
MONGODB_DB: services.<name>.mongodb.database
KAFKA_SASL_PASSWORD: kafka.sasl.existingSecret
HTTP_TRUST_PROXY: services.<name>.httpTrustProxy
NODE_EXTRA_CA_CERTS: tls.caBundle
SENDER_KEY_SECRET: app.senderKeySecret
{{- end }}

{{/*
Secrets the services read (libs/config SECRET_KEYS and the services' own): never a plain value,
only secretEnv. helm/test.sh checks that every SECRET_KEYS entry is refused. Names ending in
_SECRET, _TOKEN, _PASSWORD, _KEY or _KEYS are treated as secrets too.
*/}}
{{- define "connect-center.secretEnvNames" -}}
- WHATSAPP_APP_SECRET
- WHATSAPP_VERIFY_TOKEN
- TWILIO_AUTH_TOKEN
- GUPSHUP_TOKEN
- APP_API_KEYS
- APP_JWT_SECRET
- APP_JWT_PUBLIC_KEY
- AUTH_JWT_SECRET
- AUTH_JWT_PUBLIC_KEY
{{- end }}

{{- define "connect-center.isSecretEnvName" -}}
{{- if or (has . (include "connect-center.secretEnvNames" $ | fromYamlArray)) (regexMatch "_(SECRET|TOKEN|PASSWORD|KEY|KEYS)$" .) }}true{{ end }}
{{- end }}

{{/*
Checks what the schema cannot (required-when, cross-field rules) and fails once, listing every
problem, so that one install attempt shows everything to fix.
*/}}
{{- define "connect-center.validateValues" -}}
{{- $problems := list }}
{{- $v := .Values }}
{{- if not $v.kafka.brokers }}
{{- $problems = append $problems "kafka.brokers: give at least one bootstrap broker as host:port" }}
{{- end }}
{{- with $v.kafka.sasl }}
{{- if .mechanism }}
{{- if not .username }}
{{- $problems = append $problems (printf "kafka.sasl.username: required with kafka.sasl.mechanism %q" .mechanism) }}
{{- end }}
{{- if not .existingSecret }}
{{- $problems = append $problems (printf "kafka.sasl.existingSecret: name the Secret holding the SASL password (key %q), required with kafka.sasl.mechanism %q" .passwordKey .mechanism) }}
{{- end }}
{{- else if or .username .existingSecret }}
{{- $problems = append $problems "kafka.sasl.mechanism: set it (plain, scram-sha-256 or scram-sha-512), or clear kafka.sasl.username and kafka.sasl.existingSecret" }}
{{- end }}
{{- end }}
{{- if and $v.kafka.topics.manage (not $v.kafka.topics.strimziCluster) }}
{{- $problems = append $problems "kafka.topics.strimziCluster: name the Strimzi Kafka cluster whose topic operator manages the topics (the strimzi.io/cluster label), required with kafka.topics.manage" }}
{{- end }}
{{- if and $v.kafka.topics.manage $v.kafka.topics.job.enabled }}
{{- $problems = append $problems "kafka.topics.job.enabled: the topics are already provisioned as Strimzi KafkaTopics (kafka.topics.manage); enable one or the other" }}
{{- end }}
{{- if and $v.kafka.topics.job.enabled (not $v.services.intake.enabled) (not $v.kafka.topics.job.image.repository) }}
{{- $problems = append $problems "kafka.topics.job.image.repository: the topic Job runs in the intake image by default, and intake is disabled; name an image with node and kafkajs" }}
{{- end }}
{{- if and $v.tls.caBundle.secretName $v.tls.caBundle.configMapName }}
{{- $problems = append $problems "tls.caBundle: give secretName or configMapName, not both" }}
{{- end }}
{{- if and $v.networkPolicy.enabled $v.ingress.enabled (not $v.networkPolicy.ingressController.from) }}
{{- $problems = append $problems "networkPolicy.ingressController.from: name the ingress controller's pods (e.g. its namespace); with the NetworkPolicies on, nothing else may reach intake" }}
{{- end }}
{{- $grace := int64 $v.shutdown.terminationGracePeriodSeconds }}
{{- $needed := add (int64 $v.shutdown.preStopSleepSeconds) (div (int64 $v.shutdown.timeoutMs) 1000) }}
{{- if le $grace $needed }}
{{- $problems = append $problems (printf "shutdown.terminationGracePeriodSeconds: %d must exceed preStopSleepSeconds + timeoutMs/1000 = %d, or pods are killed mid-drain" $grace $needed) }}
{{- end }}
{{- $reserved := include "connect-center.reservedEnv" . | fromYaml }}
{{- $enabled := 0 }}
{{- $withoutMongoSecret := list }}
{{- $withoutSenderKey := list }}
{{- range $name, $svc := $v.services }}
{{- if $svc.enabled }}
{{- $enabled = add1 $enabled }}
{{- $cfg := include "connect-center.serviceConfig" (dict "root" $ "name" $name) | fromYaml }}
{{- $at := printf "services.%s" $name }}
{{- /* NODE_ENV is app.nodeEnv unless the service's env overrides the ConfigMap's. */}}
{{- $nodeEnv := get ($cfg.env | default dict) "NODE_ENV" | default $v.app.nodeEnv }}
{{- if and (eq (toString $nodeEnv) "production") (not $v.app.senderKeySecret.name) }}
{{- $withoutSenderKey = append $withoutSenderKey $name }}
{{- end }}
{{- $mongo := include "connect-center.mongodb" (dict "root" $ "name" $name "cfg" $cfg) | fromYaml }}
{{- if not $mongo.existingSecret }}
{{- $withoutMongoSecret = append $withoutMongoSecret $name }}
{{- end }}
{{- if gt (len $mongo.database) 63 }}
{{- $problems = append $problems (printf "%s: MONGODB_DB %q is longer than 63 characters; shorten mongodb.databasePrefix or set %s.mongodb.database" $at $mongo.database $at) }}
{{- end }}
{{- if $cfg.autoscaling.enabled }}
{{- if gt (int $cfg.autoscaling.minReplicas) (int $cfg.autoscaling.maxReplicas) }}
{{- $problems = append $problems (printf "%s.autoscaling: minReplicas %d exceeds maxReplicas %d" $at (int $cfg.autoscaling.minReplicas) (int $cfg.autoscaling.maxReplicas)) }}
{{- end }}
{{- else if lt (int $cfg.replicas) 1 }}
{{- $problems = append $problems (printf "%s.replicas: must be at least 1 for an enabled service (got %d); set %s.enabled: false to turn it off" $at (int $cfg.replicas) $at) }}
{{- end }}
{{- if and $cfg.pdb.enabled (eq (toString $cfg.pdb.maxUnavailable) "0" "0%") }}
{{- $problems = append $problems (printf "%s.pdb.maxUnavailable: 0 would block every node drain" $at) }}
{{- end }}
{{- if and (eq (toString $cfg.rollingUpdate.maxSurge) "0" "0%") (eq (toString $cfg.rollingUpdate.maxUnavailable) "0" "0%") }}
{{- $problems = append $problems (printf "%s.rollingUpdate: maxSurge and maxUnavailable cannot both be 0" $at) }}
{{- end }}
{{- /* Each variable is set once: env, secretEnv and extraEnv may not name the same one. */}}
{{- $seen := dict }}
{{- range $key, $_ := ($cfg.env | default dict) }}
{{- if hasKey $reserved $key }}
{{- $problems = append $problems (printf "%s.env.%s: set by the chart; use %s instead" $at $key (get $reserved $key | replace "<name>" $name)) }}
{{- else if include "connect-center.isSecretEnvName" $key }}
{{- $problems = append $problems (printf "%s.env.%s: a secret; give it as %s.secretEnv.%s: {name: <Secret>, key: <key>}" $at $key $at $key) }}
{{- end }}
{{- $_ := set $seen $key "env" }}
{{- end }}
{{- range $key, $_ := ($cfg.secretEnv | default dict) }}
{{- if hasKey $reserved $key }}
{{- $problems = append $problems (printf "%s.secretEnv.%s: set by the chart; use %s instead" $at $key (get $reserved $key | replace "<name>" $name)) }}
{{- else if hasKey $seen $key }}
{{- $problems = append $problems (printf "%s.secretEnv.%s: also set in %s.env; keep one" $at $key $at) }}
{{- end }}
{{- $_ := set $seen $key "secretEnv" }}
{{- end }}
{{- range ($cfg.extraEnv | default list) }}
{{- if hasKey $reserved .name }}
{{- $problems = append $problems (printf "%s.extraEnv %s: set by the chart; use %s instead" $at .name (get $reserved .name | replace "<name>" $name)) }}
{{- else if hasKey $seen .name }}
{{- $problems = append $problems (printf "%s.extraEnv %s: also set in %s.%s; keep one" $at .name $at (get $seen .name)) }}
{{- else if and (hasKey . "value") (include "connect-center.isSecretEnvName" .name) }}
{{- $problems = append $problems (printf "%s.extraEnv %s: a secret; give it as %s.secretEnv.%s: {name: <Secret>, key: <key>}" $at .name $at .name) }}
{{- end }}
{{- $_ := set $seen .name "extraEnv" }}
{{- end }}
{{- end }}
{{- end }}
{{- with $withoutMongoSecret }}
{{- $problems = append $problems (printf "mongodb.existingSecret: name the Secret holding the MongoDB URI (key %q); needed by %s, which set no services.<name>.mongodb.existingSecret" $v.mongodb.uriKey (join ", " .)) }}
{{- end }}
{{- with $withoutSenderKey }}
{{- $problems = append $problems (printf "app.senderKeySecret.name: name the Secret holding SENDER_KEY_SECRET (key %q), the HMAC key of sender pseudonyms, at least 32 characters and shared by every service; required with NODE_ENV production (app.nodeEnv): the services refuse to start without it, because a pseudonym could otherwise be reversed to its phone number (needed by %s)" $v.app.senderKeySecret.key (join ", " .)) }}
{{- end }}
{{- if eq $enabled 0 }}
{{- $problems = append $problems "services: every service is disabled; enable at least one" }}
{{- end }}
{{- if $v.ingress.enabled }}
{{- if not $v.services.intake.enabled }}
{{- $problems = append $problems "ingress.enabled: the Ingress routes to intake, which is disabled" }}
{{- end }}
{{- if not $v.ingress.hosts }}
{{- $problems = append $problems "ingress.hosts: give at least one host with its webhook paths" }}
{{- end }}
{{- end }}
{{- if $problems }}
{{- fail (printf "\n\nconnect-center: invalid values:\n  - %s\n" (join "\n  - " (uniq $problems))) }}
{{- end }}
{{- end }}
