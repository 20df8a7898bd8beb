package dev.ridertrack.tracking.lessons;

/**
 * Where a lesson 10 consumer crashed.
 *
 * @param batch records in the batch it was working on
 * @param written records of that batch it had written to the sink
 * @param receivedBefore records it had received before that batch
 */
record DeliverySemanticsCrash(int batch, int written, long receivedBefore) {

}
