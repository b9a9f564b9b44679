package org.otklik.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingConverterTest {

    @Test
    void personalDataAndSecretsAreMasked() {
        assertThat(MaskingConverter.mask("e-mail to ivan.petrov@mail.ru is refused"))
                .isEqualTo("e-mail to i***@mail.ru is refused");
        assertThat(MaskingConverter.mask("call +7 (912) 345-67-89 now")).isEqualTo("call +7*******89 now");
        assertThat(MaskingConverter.mask("card 4111 1111 1111 1111")).isEqualTo("card **** **** **** 1111");
        assertThat(MaskingConverter.mask("token otk_ch_AbCdEf123456 and bot123456:ABCdef_ghi"))
                .isEqualTo("token otk_ch_**** and bot123456:****");
        assertThat(MaskingConverter.mask("delivery 12 on vk-1 failed (try 2)"))
                .isEqualTo("delivery 12 on vk-1 failed (try 2)");
    }
}
