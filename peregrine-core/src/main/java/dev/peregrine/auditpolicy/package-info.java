/** The audit-policy toolkit: reading, validating and evaluating audit.k8s.io Policy files. */
package dev.peregrine.auditpolicy;
