package org.otklik.server.demo;

import java.util.List;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.moderation.AdModeration;
import org.otklik.server.moderation.NewAdApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A few ad applications waiting in the moderation queue, submitted through the demo ad platform's channel; a second
 * start finds them by their ids and adds nothing. The demo's admin moderates.
 */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoModeration {

    static final String ADS_CHANNEL = "demo-ads";

    private static final List<NewAdApplication> APPLICATIONS = List.of(
            new NewAdApplication("demo-ad-1", "adv-1001", "Школа английского «Лондон»",
                    "Английский для взрослых: первый урок бесплатно",
                    "Занятия в группах до 6 человек, онлайн и в центре города. Запишитесь на пробный урок.",
                    "https://london-school.example/trial", "https://london-school.example/banner.jpg"),
            new NewAdApplication("demo-ad-2", "adv-1002", "ФитЛайф", "Минус 10 кг за неделю! Гарантия 100%",
                    "Без диет и спорта: наш чай сжигает жир, пока вы спите. Результат гарантирован каждому!",
                    "https://fitlife.example/tea", null),
            new NewAdApplication("demo-ad-3", "adv-1003", "Цветы у дома", "Букеты к 8 марта со скидкой 20%",
                    "Соберём и доставим за 2 часа по городу. Закажите заранее!", "https://flowers-home.example/8march",
                    "https://flowers-home.example/img/tiny.png"),
            new NewAdApplication("demo-ad-4", "adv-1004", null, "Антибиотики без рецепта с доставкой",
                    "Любые препараты без рецепта врача, анонимно.", "https://pharm-fast.example", null));

    private final ChannelManagement channels;
    private final AdModeration moderation;

    DemoModeration(ChannelManagement channels, AdModeration moderation) {
        this.channels = channels;
        this.moderation = moderation;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (channels.find(ADS_CHANNEL).isEmpty()) {
            channels.create(ADS_CHANNEL, ChannelType.API, "Рекламная площадка (демо)", "other");
        }
        APPLICATIONS.forEach(a -> moderation.submit(ADS_CHANNEL, a));
    }
}
