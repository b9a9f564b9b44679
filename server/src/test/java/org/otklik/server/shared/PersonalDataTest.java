package org.otklik.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void phonesEmailsAndCardsAreFoundAndOrderNumbersAreNot() {
        assertThat(PersonalData.find("Позвоните нам: +7 (912) 345-67-89")).contains("a phone number");
        assertThat(PersonalData.find("или 8 912 345 67 89")).contains("a phone number");
        assertThat(PersonalData.find("напишите на ivan.petrov@mail.ru")).contains("an e-mail address");
        assertThat(PersonalData.find("карта 4276 3800 1234 5678 не проходит")).isEmpty(); // fails the Luhn check
        assertThat(PersonalData.find("карта 4111 1111 1111 1111")).contains("a card number");
        assertThat(PersonalData.find("номер заказа 1234567")).isEmpty();
        assertThat(PersonalData.find("Проверили, всё в порядке: заказ 98 приедет завтра")).isEmpty();
        assertThatThrownBy(() -> PersonalData.requireNoneInPublic("пишите на a@b.ru", "text"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("private messages");
    }

    @Test
    void maskHidesPhonesEmailsAndCardsButKeepsOrderNumbersAndTheWords() {
        assertThat(PersonalData.mask("Звоните +7 (912) 345-67-89 или 8 912 345 67 89, почта ivan.petrov@mail.ru"))
                .isEqualTo("Звоните [phone] или [phone], почта [e-mail]");
        assertThat(PersonalData.mask("карта 4111 1111 1111 1111 не проходит, заказ 1234567"))
                .isEqualTo("карта [card] не проходит, заказ 1234567");
        assertThat(PersonalData.mask(null)).isNull();
    }
}
