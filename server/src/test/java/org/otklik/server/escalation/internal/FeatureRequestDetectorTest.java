package org.otklik.server.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages as users really write them: with typos of case, no commas, ё or е, slang, several asks in one. */
class FeatureRequestDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Добавьте пожалуйста тёмную тему, глаза устают вечером",
            "добавьте уже оплату через сбп!!! сколько можно ждать",
            "Сделайте возможность выгружать историю заказов в эксель",
            "сделайте пожалуйста так чтобы уведомления можно было отключить на ночь",
            "Было бы здорово, если бы в приложении был виджет с балансом",
            "Хотелось бы чтобы доставку можно было перенести на другой день прямо в приложении",
            "хотелось бы, чтобы чат не закрывался сам через сутки",
            "Предлагаю добавить вход по отпечатку пальца",
            "а можно ли добавить английский язык в интерфейс?",
            "Очень не хватает функции поиска по чекам",
            "Когда добавите экспорт в PDF?",
            "Please add an option to export my data as CSV",
            "Feature request: dark mode for the web app",
            "It would be great if I could pay with Apple Pay",
            "I wish there was a way to change the delivery address after ordering"})
    void suggestsARequestForSomethingNew(String message) {
        assertThat(FeatureRequestDetector.phrase(message)).as(message).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Не могу войти в приложение, пишет «ошибка 500»",
            "Деньги списали два раза, верните пожалуйста",
            "добавил карту а она не отображается в профиле",
            "Добавьте меня в чат курьеров, я новый сотрудник",
            "сделайте уже что-нибудь, второй час не работает оплата!!!",
            "Когда будет возврат? Жду уже неделю",
            "Здравствуйте. Было бы удобно созвониться? Мой номер в профиле",
            "My order never arrived, please help",
            "The app crashes when I add a photo",
            "Спасибо, всё заработало"})
    void leavesComplaintsAndQuestionsAlone(String message) {
        assertThat(FeatureRequestDetector.phrase(message)).as(message).isEmpty();
    }
}
