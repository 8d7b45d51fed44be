package dev.verity.node.submit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an operator submits: an idempotency key, a message type of the agreement (or
 * {@code declaration}) and the message itself (a notification or a declaration in the JSON of
 * docs/formats). The node fills in the Party, the notification number and the type when absent.
 */
public record SubmitRequest(String clientId, String type, JsonNode message) {}
