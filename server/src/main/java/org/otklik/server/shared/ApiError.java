package org.otklik.server.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every refused API request: what went wrong and, when one field is to blame, which. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {

    public static ApiError of(String error) {
        return new ApiError(error, null);
    }
}
