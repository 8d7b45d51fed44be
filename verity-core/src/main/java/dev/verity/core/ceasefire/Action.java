package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a step of the register asks: the typed fields of one message type of the agreement
 * ({@code ceasefire-claim}, {@code ceasefire-finding}...), bound from the step by its type name.
 * Who sent it and when are the step's. A claim and an observation are one record under two types:
 * a Party's or the mediator's {@code ceasefire-claim}, the monitor's {@code ceasefire-observation}
 * (the agreement's protocols answer claims, not observations).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Commitment.class, name = "ceasefire-commitment"),
    @JsonSubTypes.Type(value = Action.Countersign.class, name = "ceasefire-countersign"),
    @JsonSubTypes.Type(value = Action.FileClaim.class,
        names = {CeasefireMessages.CLAIM, CeasefireMessages.OBSERVATION}),
    @JsonSubTypes.Type(value = Restriction.class, name = "ceasefire-restriction"),
    @JsonSubTypes.Type(value = Action.OpenSite.class, name = "ceasefire-site-opening"),
    @JsonSubTypes.Type(value = Action.InvokeRelease.class, name = "ceasefire-release"),
    @JsonSubTypes.Type(value = Answer.Acknowledgement.class, name = "ceasefire-acknowledgement"),
    @JsonSubTypes.Type(value = Answer.Dispute.class, name = "ceasefire-dispute"),
    @JsonSubTypes.Type(value = Answer.VerificationRequest.class,
        name = "ceasefire-verification-request"),
    @JsonSubTypes.Type(value = Answer.Finding.class, name = "ceasefire-finding")})
public sealed interface Action
    permits Commitment, Action.Countersign, Action.FileClaim, Restriction, Action.OpenSite,
        Action.InvokeRelease, Answer {

  /** Countersigns a proposed commitment, naming the hash of the terms signed. */
  record Countersign(String commitment, String termsHash) implements Action {}

  /**
   * Files an observation (by the monitor) or a claim (by a Party or the mediator) under the id
   * {@code claim}, which answers name.
   */
  record FileClaim(String claim, Observation observation) implements Action {}

  /** A Party opens one site of its sealed list for one claim of a strike. */
  record OpenSite(String claim, SiteOpening opening) implements Action {}

  /**
   * A Party invokes the release-on-breach clause, naming the claim whose corroborated, attributed
   * finding is the determination it relies on.
   */
  record InvokeRelease(String commitment, String claim) implements Action {}
}
