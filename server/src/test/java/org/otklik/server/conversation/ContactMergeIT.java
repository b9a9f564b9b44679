package org.otklik.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import tools.jackson.databind.JsonNode;

/** One person writing from two channels: suggested for merging by a shared phone, merged by an agent, unmerged. */
class ContactMergeIT extends PostgresIT {

    private long contactOf(long conversation, String token) {
        return api.get("/api/v1/conversations/" + conversation, token).json().get("contact").get("id").asLong();
    }

    @Test
    void contactsSharingAPhoneAreSuggestedAndMergedKeepingBothHistories() {
        String dept = newDepartment();
        TestChannel vk = newApiChannel(dept);
        TestChannel mail = newApiChannel(dept);
        String token = tokenOf(newAgent(2, dept));
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        Api.Response first = send(vk, unique("m"), a, "Не могу войти, мой телефон +7 912 345-67-89, помогите");
        Api.Response second = send(mail, unique("m"), b, "Добрый день! Пишу с почты, номер 8 (912) 345 67 89");
        Api.Response other = send(mail, unique("m"), c, "Другой человек, телефон 8 900 000 00 00");
        long convA = first.json().get("conversationId").asLong();
        long convB = second.json().get("conversationId").asLong();
        long contactA = contactOf(convA, token);
        long contactB = contactOf(convB, token);
        long contactC = contactOf(other.json().get("conversationId").asLong(), token);

        JsonNode suggestions = api.get("/api/v1/contacts/" + contactA + "/merge-suggestions", token).json();
        assertThat(suggestions.findValuesAsString("externalId")).containsExactly(b);
        assertThat(api.get("/api/v1/contacts/" + contactA, token).json().get("phone").asString())
                .isEqualTo("79123456789");

        JsonNode merged = api.post("/api/v1/contacts/" + contactA + "/merge", token, Map.of("contactId", contactB))
                .json();
        assertThat(merged.get("samePerson")).hasSize(1);
        assertThat(merged.get("samePerson").get(0).get("conversations").get(0).asLong()).isEqualTo(convB);
        JsonNode fromB = api.get("/api/v1/contacts/" + contactB, token).json();
        assertThat(fromB.get("groupId").asLong()).isEqualTo(contactA);
        assertThat(fromB.get("samePerson").get(0).get("conversations").get(0).asLong()).isEqualTo(convA);
        assertThat(api.get("/api/v1/contacts/" + contactA + "/merge-suggestions", token).json()).isEmpty();
        // both histories stay where they were
        assertThat(api.get("/api/v1/conversations/" + convA + "/messages", token).json()).isNotEmpty();
        assertThat(api.get("/api/v1/conversations/" + convB + "/messages", token).json()).isNotEmpty();
        assertThat(api.get("/api/v1/contacts/" + contactC, token).json().get("samePerson")).isEmpty();

        JsonNode unmerged = api.post("/api/v1/contacts/" + contactB + "/unmerge", token, Map.of()).json();
        assertThat(unmerged.get("samePerson")).isEmpty();
        assertThat(api.post("/api/v1/contacts/" + contactA + "/merge", token, Map.of()).json().get("field")
                .asString()).isEqualTo("contactId");
        assertThat(api.post("/api/v1/contacts/" + contactA + "/merge", token, Map.of("contactId", 999999999)).json()
                .get("field").asString()).isEqualTo("contactId");
        assertThat(api.get("/api/v1/contacts/999999999", token).status()).isEqualTo(404);
    }
}
