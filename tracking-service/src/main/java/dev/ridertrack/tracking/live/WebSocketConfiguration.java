package dev.ridertrack.tracking.live;

import java.util.Map;

import dev.ridertrack.tracking.SecurityProperties;
import dev.ridertrack.tracking.web.OperatorAuth;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The two push endpoints. The handshake only records who is asking; the handlers decide
 * and close refused sessions with a policy-violation code.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final LivePush push;

	private final SecurityProperties security;

	private final OperatorAuth operators;

	WebSocketConfiguration(LivePush push, SecurityProperties security, OperatorAuth operators) {
		this.push = push;
		this.security = security;
		this.operators = operators;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		HandshakeInterceptor credentials = new Credentials(this.operators);
		registry.addHandler(new LiveSocketHandler(this.push, this.security, false), "/ws/live")
			.addInterceptors(credentials);
		registry.addHandler(new LiveSocketHandler(this.push, this.security, true), "/ws/track")
			.addInterceptors(credentials);
	}

	private record Credentials(OperatorAuth operators) implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) {
			if (request instanceof ServletServerHttpRequest servlet) {
				var http = servlet.getServletRequest();
				attributes.put(LiveSocketHandler.OPERATOR, this.operators.isOperator(http));
				putIfPresent(attributes, LiveSocketHandler.ORDER, http.getParameter("order"));
				putIfPresent(attributes, LiveSocketHandler.TOKEN, http.getParameter("token"));
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

		private static void putIfPresent(Map<String, Object> attributes, String key, String value) {
			if (value != null) {
				attributes.put(key, value);
			}
		}

	}

}
