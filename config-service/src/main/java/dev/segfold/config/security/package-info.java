/**
 * Who may call the API (DESIGN §5, issue 10): bearer tokens checked by quarkus-oidc (an OIDC
 * provider, or the embedded stack's public key), the role hierarchy read ⊂ submit ⊂ admin
 * ({@link dev.segfold.config.security.RoleHierarchy}), the rule that a submitter changes its own
 * runs only ({@link dev.segfold.config.security.RunAccess}), and the start-up check that tokens can
 * be verified at all ({@link dev.segfold.config.security.TokenVerificationCheck}). Each endpoint
 * names its role with {@code @RolesAllowed}; {@code EndpointRulesTest} fails for one that does not.
 */
package dev.segfold.config.security;
