package org.otklik.text.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamMatcherTest {

    private static StreamMatcher matcher;

    @BeforeAll
    static void streams() {
        matcher = new StreamMatcher(List.of(
                new Stream("ok", "Одноклассники", List.of("Одноклассники", "ОК", "ok.ru"),
                        List.of("вечер встречи выпускников")),
                new Stream("vk", "ВКонтакте", List.of("ВКонтакте", "ВК", "vk.com"), List.of()),
                new Stream("mail", "Mail.ru", List.of("Mail.ru", "Почта Mail.ru"), List.of("@mail.ru")),
                new Stream("yamusic", "Яндекс Музыка", List.of("Яндекс Музыка", "Я.Музыка", "music.yandex.ru"),
                        List.of("вакансия")),
                new Stream("sber", "Сбер", List.of("Сбер", "Сбербанк", "SberPay"), List.of()),
                new Stream("ozon", "Ozon", List.of("Ozon", "Озон"), List.of())));
    }

    @AfterAll
    static void close() throws IOException {
        matcher.close();
    }

    private static java.util.Set<String> streamsOf(String text) {
        return matcher.match(text).streams();
    }

    @Test
    void inflectedFormsOfTheNameMatch() {
        assertThat(streamsOf("Не могу зайти в Одноклассниках с утра")).containsExactly("ok");
        assertThat(streamsOf("Во ВКонтакте опять новый дизайн")).containsExactly("vk");
        assertThat(streamsOf("Сбербанку бы поучиться вежливости")).containsExactly("sber");
        assertThat(streamsOf("Оплатила картой Сбера, деньги списали дважды")).containsExactly("sber");
        assertThat(streamsOf("В Яндекс Музыке пропал плейлист")).containsExactly("yamusic");
        assertThat(streamsOf("заказала на озоне кроссовки")).containsExactly("ozon");
    }

    @Test
    void theCommonWordSensesDoNotMatch() {
        assertThat(streamsOf("Завтра встреча одноклассников, все придут")).isEmpty();
        assertThat(streamsOf("Мои одноклассники уже все с внуками")).isEmpty();
        assertThat(streamsOf("ок, договорились, в семь у метро")).isEmpty();
        assertThat(streamsOf("Всё ОК, доехали нормально")).isEmpty();
        assertThat(streamsOf("скинь на мейл, посмотрю вечером")).isEmpty();
        assertThat(streamsOf("Пишите на ivan.petrov@mail.ru, отвечу")).isEmpty();
        assertThat(streamsOf("Daily Mail again publishing nonsense")).isEmpty();
    }

    @Test
    void theBrandSenseOfAnOrdinaryWordNeedsEvidence() {
        assertThat(streamsOf("на мейле опять не грузятся письма")).containsExactly("mail");
        assertThat(streamsOf("не могу зайти в ок уже неделю")).containsExactly("ok");
        assertThat(streamsOf("#одноклассники опять тормозят")).containsExactly("ok");
        assertThat(streamsOf("Вчера была у мамы, а она в Одноклассниках сидит")).containsExactly("ok");
    }

    @Test
    void misspellingsNicknamesAndOtherScriptsMatch() {
        assertThat(streamsOf("Янедкс Музыка не скачивает треки")).containsExactly("yamusic");
        assertThat(streamsOf("Сбербак снова поменял интерфейс")).containsExactly("sber");
        assertThat(streamsOf("sberbank app disappeared again")).containsExactly("sber");
        assertThat(streamsOf("Ozondan kiyim buyurtma qildim")).containsExactly("ozon");
        assertThat(streamsOf("озончик сегодня порадовал доставкой")).containsExactly("ozon");
        assertThat(streamsOf("Слушаю подкасты только в Музыке от Яндекса")).containsExactly("yamusic");
        assertThat(streamsOf("В Я.Музыке рекомендации стали хуже")).containsExactly("yamusic");
    }

    @Test
    void hashtagsDomainsAndLinksMatch() {
        assertThat(streamsOf("#сбер #мошенники звонили из «службы безопасности»")).containsExactly("sber");
        assertThat(streamsOf("https://music.yandex.ru/album/123 не открывается")).containsExactly("yamusic");
        assertThat(streamsOf("зайдите на vk.com/club1 и напишите")).containsExactly("vk");
        assertThat(streamsOf("В Почте Mail.ru пропали письма")).containsExactly("mail");
        assertThat(streamsOf("Взломали Mail.ru, восстановила по телефону")).containsExactly("mail");
    }

    @Test
    void otherWordsContainingTheNameAndExclusionsDoNotMatch() {
        assertThat(streamsOf("Как сберегать нервы на работе")).isEmpty();
        assertThat(streamsOf("Сбор на лечение кота, любая сумма поможет")).isEmpty();
        assertThat(streamsOf("Индекс почтовый не подходит к адресу")).isEmpty();
        assertThat(streamsOf("Яндекс Музыка: вакансия дизайнера в команду")).isEmpty();
        assertThat(streamsOf("Вечер встречи выпускников в Одноклассниках")).isEmpty();
        assertThat(streamsOf("Яндекс Такси опять подняли цены")).isEmpty();
    }

    @Test
    void aPostMayMentionSeveralStreamsAndSaysWhichTermsMatched() {
        StreamMatcher.Match m = matcher.match("Оплатила Яндекс Музыку картой Сбера, деньги списали дважды");
        assertThat(m.streams()).containsExactly("sber", "yamusic");
        assertThat(m.termsByStream().get("yamusic")).containsExactly("Яндекс Музыка");
    }

    @Test
    void theTeamSampleIsMatchedAboveTheTargets() throws IOException {
        ListeningEvaluation.Result r = evaluate("streams-sample.json", "listening-sample.jsonl");
        assertThat(r.precision()).as("precision on the team's sample").isGreaterThanOrEqualTo(0.95);
        assertThat(r.recall()).as("recall on the team's sample").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void ourHardDevelopmentSetStaysAboveItsFloor() throws IOException {
        // 900 posts written for Otklik, full of common-word senses, abbreviations and slang (text/data/listening)
        try (StreamMatcher dev = new StreamMatcher(Streams.read(Path.of("data/listening/streams-dev.json")))) {
            ListeningEvaluation.Result r = ListeningEvaluation.evaluate(dev,
                    ListeningEvaluation.readGold(Path.of("data/listening/posts-dev.jsonl")));
            assertThat(r.precision()).as("precision on the development set").isGreaterThan(0.90);
            assertThat(r.recall()).as("recall on the development set").isGreaterThan(0.90);
        }
    }

    @Test
    void badStreamFilesAreRefusedNamingTheStreamAndField() {
        assertThatThrownBy(() -> Streams.read(json("{\"a\": {\"name\": \"A\", \"terms\": []}}")))
                .hasMessageContaining("stream a").hasMessageContaining("terms");
        assertThatThrownBy(() -> Streams.read(json("{\"a\": {\"terms\": \"Сбер\"}}")))
                .hasMessageContaining("terms must be an array");
        assertThatThrownBy(() -> Streams.read(json("[1, 2]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Streams.read(json("{not json"))).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Streams.read(json("{\"bad id!\": {\"terms\": [\"x\"]}}")))
                .hasMessageContaining("stream id");
    }

    private static ListeningEvaluation.Result evaluate(String streams, String gold) throws IOException {
        Path base = Path.of("src/test/resources/shared");
        try (StreamMatcher m = new StreamMatcher(Streams.read(base.resolve(streams)))) {
            return ListeningEvaluation.evaluate(m, ListeningEvaluation.readGold(base.resolve(gold)));
        }
    }

    private static ByteArrayInputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
