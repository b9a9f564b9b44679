package org.otklik.server.recovery;

import java.io.IOException;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.connector.Attachments;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.inbound.InboundGateway;
import org.otklik.server.inbound.InboundReceipt;
import org.otklik.server.inbound.WidgetVisitors;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Require;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A web-chat visitor (who may not be able to log in anywhere) sends a photo: stored as a message of its own, once per
 * client message id, with the file kept as its attachment after the same checks as a platform's (size; the type is read
 * from the bytes, and anything but a JPEG, PNG or WebP photo is refused before anything is stored).
 */
@RestController
class WidgetPhotoController {

    private final ChannelManagement channels;
    private final InboundGateway gateway;
    private final Attachments attachments;

    WidgetPhotoController(ChannelManagement channels, InboundGateway gateway, Attachments attachments) {
        this.channels = channels;
        this.gateway = gateway;
        this.attachments = attachments;
    }

    record PhotoReceipt(InboundReceipt receipt, Attachments.AttachmentView attachment) {
    }

    @PostMapping("/widget/api/{widgetKey}/photos")
    ResponseEntity<PhotoReceipt> upload(@PathVariable String widgetKey,
                                        @RequestHeader("X-Visitor-Token") String visitorToken,
                                        @RequestParam(required = false) String clientMessageId,
                                        @RequestParam(required = false) MultipartFile file) throws IOException {
        Channel channel = channels.widget(widgetKey);
        String id = Require.text(clientMessageId, "clientMessageId", 100);
        String contact = WidgetVisitors.contactOf(visitorToken);
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("file", "file is missing or empty");
        }
        String name = file.getOriginalFilename() == null ? "photo" : file.getOriginalFilename();
        byte[] data = file.getBytes();
        String type = Attachments.sniff(data);
        if (!Profiles.PHOTO_TYPES.contains(type)) {
            throw new InvalidInput("file", "file is not a JPEG, PNG or WebP photo (read as " + type + ")");
        }
        InboundReceipt receipt = gateway.accept(InboundMessage.of(channel.id(), contact + ":" + id, contact, null,
                "📷 " + Require.text(name.isBlank() ? "photo" : name, "file", 255), null), "web_chat");
        // a repeated upload keeps the file only if the first one's was lost (stored message, then a crash)
        Attachments.AttachmentView kept = attachments.ofMessages(java.util.List.of(receipt.messageId())).stream()
                .findFirst().orElseGet(() -> attachments.keepUploaded(receipt.messageId(), name, data));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new PhotoReceipt(receipt, kept));
    }
}
