package dev.ridertrack.producer.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One broken rule, as a client reads it in a {@code 400} problem body.
 *
 * @param index position of the fix in a batch, {@code null} for a single fix
 * @param field the JSON field
 * @param rule what the field must be
 * @param rejected the value that arrived, {@code null} when it was missing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Violation(Integer index, String field, String rule, Object rejected) {

}
