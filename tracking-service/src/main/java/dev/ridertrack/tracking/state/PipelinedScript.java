package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A Lua script that a listener runs several times per poll: all the calls of a poll go in
 * one pipeline by the script's SHA, so a poll costs one round trip, not one per call. A
 * Redis that forgot the script (restarted) gets it again and the pipeline is sent once
 * more; the scripts are idempotent (a stored record is only replaced by a newer one, an
 * order's status only moves forward), so a call that had run is harmless to repeat.
 */
final class PipelinedScript {

	private final byte[] script;

	private final ReturnType returns;

	private volatile String sha;

	PipelinedScript(String path, ReturnType returns) {
		this.script = RiderStore.script(path).getBytes(StandardCharsets.UTF_8);
		this.returns = returns;
	}

	/**
	 * Runs the calls in one pipeline, in their order.
	 * @param redis the template
	 * @param calls each call's keys and arguments
	 * @return each call's result, in order
	 */
	List<Object> run(StringRedisTemplate redis, List<Call> calls) {
		try {
			return pipeline(redis, calls);
		}
		catch (DataAccessException ex) {
			// a failed command in a pipeline comes back as a RedisPipelineException
			// whose cause is the first error
			if (isNoScript(ex)) {
				this.sha = null;
				return pipeline(redis, calls);
			}
			throw ex;
		}
	}

	private static boolean isNoScript(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
				return true;
			}
		}
		return false;
	}

	private List<Object> pipeline(StringRedisTemplate redis, List<Call> calls) {
		String loaded = loaded(redis);
		return redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (Call call : calls) {
				connection.scriptingCommands().evalSha(loaded, this.returns, call.keys(), call.keysAndArgs());
			}
			return null;
		});
	}

	private String loaded(StringRedisTemplate redis) {
		String current = this.sha;
		if (current == null) {
			current = redis.execute(
					(RedisCallback<String>) (connection) -> connection.scriptingCommands().scriptLoad(this.script));
			this.sha = current;
		}
		return current;
	}

	/**
	 * One run of the script.
	 *
	 * @param keys how many of the values are keys (they come first)
	 * @param keysAndArgs the keys, then the arguments
	 */
	record Call(int keys, byte[]... keysAndArgs) {
	}

}
