/**
 * Who may call what: bearer tokens (agents' API tokens and channels' tokens) on {@code /api/**}, a signed-in session
 * with CSRF protection in the workspace, and open widget pages for users who cannot sign in anywhere.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.otklik.server.security;
