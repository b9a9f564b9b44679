package org.otklik.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.otklik.server.shared.InvalidInput;

class ReasonTextTest {

    private static AdApplication application(String advertiserName) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return new AdApplication(1, "ads", "ext-1", "adv-7", advertiserName, "Скидки $1 {url} \\ 90%",
                "text", "https://shop.example/sale", null, at, "pending", null, null, null, null, null, at);
    }

    @Test
    void fillsTitleAdvertiserAndUrlLiterallyEvenWhenTheyLookLikePlaceholdersOrRegexGroups() {
        String text = ReasonText.render("«{title}» от {advertiser}: страница {url} не открывается.",
                application("ООО Ромашка"), null);
        assertThat(text).isEqualTo("«Скидки $1 {url} \\ 90%» от ООО Ромашка: страница https://shop.example/sale"
                + " не открывается.");
    }

    @Test
    void namesTheAdvertiserByIdWhenTheNameIsMissing() {
        assertThat(ReasonText.render("{advertiser}", application(null), null)).isEqualTo("adv-7");
    }

    @Test
    void appendsTheModeratorsCommentAfterABlankLine() {
        assertThat(ReasonText.render("Отклонено.", application(null), "Уберите слово «гарантия».")).isEqualTo(
                "Отклонено.\n\nУберите слово «гарантия».");
    }

    @Test
    void refusesATemplateWithAnUnknownPlaceholderNamingTheField() {
        assertThatThrownBy(() -> ReasonText.check("Здравствуйте, {name}!", "text"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("text"))
                .hasMessageContaining("{name}");
        ReasonText.check("Фигурные скобки {} и {title} допустимы", "text");
    }
}
