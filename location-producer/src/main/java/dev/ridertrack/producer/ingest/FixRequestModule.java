package dev.ridertrack.producer.ingest;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * Puts {@link FixRequestReader} in front of Jackson's own reader for {@link FixRequest}.
 * A bean, so Spring Boot adds it to the {@code JsonMapper} that reads request bodies.
 */
@Component
class FixRequestModule extends SimpleModule {

	FixRequestModule() {
		super("ridertrack-fix-request");
		setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				return (description.getBeanClass() == FixRequest.class) ? new FixRequestReader(deserializer)
						: deserializer;
			}

		});
	}

}
