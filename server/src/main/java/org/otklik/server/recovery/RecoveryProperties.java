package org.otklik.server.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access recovery ({@code otklik.recovery.*}).
 *
 * @param photoRequestText what the user is asked when a case opens
 * @param approvedText     what the user is told when access is restored ({reason} is the agent's note)
 * @param rejectedText     what the user is told when the request is refused ({reason} is the agent's reason)
 * @param manyRequests     recovery cases for one profile within {@code manyRequestsWindow} that raise the signal
 * @param manyRequestsWindow how far back cases are counted
 * @param maxPhotoBytes    the largest profile photo or uploaded photo accepted
 */
@ConfigurationProperties("otklik.recovery")
public record RecoveryProperties(String photoRequestText, String approvedText, String rejectedText,
                                 Integer manyRequests, Duration manyRequestsWindow, Integer maxPhotoBytes) {

    public RecoveryProperties {
        photoRequestText = photoRequestText == null
                ? "Чтобы восстановить доступ, пришлите, пожалуйста, фотографию, на которой вы держите рядом с лицом "
                + "экран с открытой страницей нашего сайта. Фото увидит только сотрудник поддержки." : photoRequestText;
        approvedText = approvedText == null
                ? "Мы проверили фотографию: доступ к странице восстановлен. Ссылка для входа придёт на привязанный "
                + "номер или почту. {reason}" : approvedText;
        rejectedText = rejectedText == null
                ? "К сожалению, мы не можем восстановить доступ по этой заявке: {reason}" : rejectedText;
        manyRequests = manyRequests == null ? 3 : manyRequests;
        manyRequestsWindow = manyRequestsWindow == null ? Duration.ofDays(30) : manyRequestsWindow;
        maxPhotoBytes = maxPhotoBytes == null ? 5 * 1024 * 1024 : maxPhotoBytes;
    }
}
