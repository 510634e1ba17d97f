/**
 * Managed Kubernetes audit envelopes: Amazon EKS (CloudWatch Logs exports, subscription, Lambda
 * and Firehose payloads), Google GKE (Cloud Logging LogEntry with an AuditLog, Pub/Sub push
 * messages) and Azure AKS (diagnostic settings records), unwrapped into audit.k8s.io/v1 Events
 * that the {@code ka.*} fields read exactly as native ones. {@link
 * dev.peregrine.event.cloud.Envelopes} is the entry point used by {@link
 * dev.peregrine.event.EventDecoder}.
 */
package dev.peregrine.event.cloud;
