/** Alert rendering (Falco's text line and JSON object) and the sinks alerts are written to. */
package dev.peregrine.output;
