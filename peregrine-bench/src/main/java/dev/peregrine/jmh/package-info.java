/** JMH microbenchmarks of the hot paths: decoding, field extraction, operators, rule selection. */
package dev.peregrine.jmh;
