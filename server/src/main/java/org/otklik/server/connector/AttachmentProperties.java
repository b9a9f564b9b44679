package org.otklik.server.connector;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Attachments ({@code otklik.attachments.*}).
 *
 * @param maxBytes the largest file kept (default 10 MB); larger ones are listed as refused
 * @param allowedTypes the content types kept, as read from the file's own bytes (not as the sender declared)
 */
@ConfigurationProperties("otklik.attachments")
public record AttachmentProperties(Long maxBytes, List<String> allowedTypes) {

    public AttachmentProperties {
        maxBytes = maxBytes == null ? 10L * 1024 * 1024 : maxBytes;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                ? List.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain")
                : List.copyOf(allowedTypes);
    }
}
