package dev.ridertrack.tracking.live;

import java.util.Map;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.tracking.SecurityProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Two kinds of subscriber. Operators ({@code /ws/live}) send
 * {@code {"bbox":[south,west,north,east],"zoom":z}} whenever the map moves. Customers
 * ({@code /ws/track?order=..&token=..}) watch one order. Either without valid credentials
 * is closed with 1008 (policy violation).
 */
class LiveSocketHandler extends TextWebSocketHandler {

	static final String OPERATOR = "ridertrack.operator";

	static final String ORDER = "ridertrack.order";

	static final String TOKEN = "ridertrack.token";

	private final LivePush push;

	private final SecurityProperties security;

	private final boolean orderEndpoint;

	LiveSocketHandler(LivePush push, SecurityProperties security, boolean orderEndpoint) {
		this.push = push;
		this.security = security;
		this.orderEndpoint = orderEndpoint;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
		Map<String, Object> attributes = socket.getAttributes();
		boolean operator = Boolean.TRUE.equals(attributes.get(OPERATOR));
		if (this.orderEndpoint) {
			String orderId = (String) attributes.get(ORDER);
			String token = (String) attributes.get(TOKEN);
			if (orderId == null || !(operator || this.security.orderTokens().verify(orderId, token))) {
				socket.close(CloseStatus.POLICY_VIOLATION.withReason("a valid order token is required"));
				return;
			}
			LiveSession session = new LiveSession(socket, false);
			session.wanted = Subscription.order(orderId);
			session.orderChanged = true;
			this.push.add(session);
		}
		else {
			if (!operator) {
				socket.close(CloseStatus.POLICY_VIOLATION.withReason("operator login required"));
				return;
			}
			this.push.add(new LiveSession(socket, true));
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws Exception {
		LiveSession session = this.push.session(socket.getId());
		if (session == null || this.orderEndpoint) {
			return;
		}
		JsonNode request = EventJson.mapper().readTree(message.getPayload());
		JsonNode bbox = request.path("bbox");
		if (bbox.isArray() && bbox.size() == 4) {
			session.wanted = Subscription.viewport(bbox.get(0).asDouble(), bbox.get(1).asDouble(),
					bbox.get(2).asDouble(), bbox.get(3).asDouble(), request.path("zoom").asInt(0));
		}
		else {
			socket.close(CloseStatus.BAD_DATA.withReason("expected {\"bbox\":[south,west,north,east],\"zoom\":z}"));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		this.push.remove(socket.getId());
	}

}
