/**
 * The environment variable names each function reads, defined once: one class per stage (and the session-renewal
 * function), plus the names every function shares ({@link dev.placenotify.model.env.CommonEnv}) and the live
 * configuration's ({@link dev.placenotify.model.env.AppConfigEnv}). Each stage's {@code *Config.from(EnvConfig)}
 * reads them and the CDK stack sets them through these constants; infra-cdk's tests pass every synthesized
 * function's environment through its stage's {@code Config.from}. Plain constants: no AWS or Lambda types here.
 */
package dev.placenotify.model.env;
