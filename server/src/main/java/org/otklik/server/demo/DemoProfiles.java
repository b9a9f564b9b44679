package org.otklik.server.demo;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.otklik.server.recovery.Profiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Two users' profiles as a service would push them, so that access recovery can be tried in the demo: open a
 * conversation, type {@code vk-id-1001} into the pane's Access recovery form, send a photo from the web chat at
 * /demo. Seeded in the background (the posts' language waits for triage's models); a second start replaces them.
 */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoProfiles {

    private static final Logger log = LoggerFactory.getLogger(DemoProfiles.class);

    private final Profiles profiles;

    DemoProfiles(Profiles profiles) {
        this.profiles = profiles;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        Thread t = new Thread(() -> {
            try {
                profiles.put("vk-id-1001", new Profiles.ProfileInput("Мария Иванова", "Санкт-Петербург",
                        List.of("Сегодня гуляли по набережной, красота", "Кто идёт на концерт в субботу?"),
                        List.of(new Profiles.Fact("Город в профиле", "Санкт-Петербург", false),
                                new Profiles.Fact("Отправитель тайного подарка", "Анна Смирнова", true),
                                new Profiles.Fact("Телефон входа", "+7 912 345-67-89", true)),
                        List.of(photo(new Color(0x4a90d9)), photo(new Color(0x7bb661)))));
                profiles.put("vk-id-2002", new Profiles.ProfileInput("Ivan Petrov", "Новосибирск",
                        List.of("Great match yesterday, what a goal!", "Anyone up for hiking this weekend?"),
                        List.of(new Profiles.Fact("Город в профиле", "Новосибирск", false)),
                        List.of(photo(new Color(0xd98c4a)))));
            } catch (RuntimeException e) {
                log.warn("demo: profiles not seeded ({})", e.toString());
            }
        }, "otklik-demo-profiles");
        t.setDaemon(true);
        t.start();
    }

    /** A plain square "photo" of one colour with a lighter circle for a face. */
    private static Profiles.PhotoInput photo(Color color) {
        BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 240, 240);
        g.setColor(color.brighter().brighter());
        g.fillOval(70, 40, 100, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Profiles.PhotoInput(Base64.getEncoder().encodeToString(out.toByteArray()));
    }
}
