// The part of Strimzi's KafkaTopic custom resource (kafka.strimzi.io v1beta2 / v1) the chart renders, typed
// so that validate.mjs rejects unknown fields. Field meanings follow the Strimzi KafkaTopic reference.
import type { IIoK8sApimachineryPkgApisMetaV1ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

export interface IKafkaTopicSpec {
  /** Name of the topic in Kafka when it differs from metadata.name (dots are allowed here). */
  topicName?: string;
  /** Partition count; it can grow later, never shrink. */
  partitions?: number;
  /** Replication factor. */
  replicas?: number;
  /** Topic configs (cleanup.policy, retention.ms, min.insync.replicas, ...). */
  config?: { [key: string]: string | number | boolean };
}

export interface IKafkaTopic {
  apiVersion: 'kafka.strimzi.io/v1beta2' | 'kafka.strimzi.io/v1';
  kind: 'KafkaTopic';
  metadata: IIoK8sApimachineryPkgApisMetaV1ObjectMeta;
  spec: IKafkaTopicSpec;
}
