package dev.ridertrack.localstack;

/**
 * Something that stops the stack from starting, with a message that says what to do.
 */
class StackException extends RuntimeException {

	StackException(String message) {
		super(message);
	}

}
