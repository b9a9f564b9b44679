/**
 * What every module may use: the domain error types (mapped to HTTP once, here), after-commit hooks and secrets.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package org.otklik.server.shared;
