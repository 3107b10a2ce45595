package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import java.util.Objects;

/**
 * A model token object's contents seen as a {@link ClientToken}: the access checks' view of a
 * {@link TokenContents} snapshot (R5, R8), with the type and level optionally overridden (the
 * Identification-level view of a process token that CheckTokenMembership uses, R60).
 */
public final class ContentsClientToken implements ClientToken {

    private final TokenContents contents;
    private final Sid integrity;
    private final TokenType type;
    private final ImpersonationLevel level;

    private ContentsClientToken(TokenContents contents, TokenType type, ImpersonationLevel level) {
        this.contents = Objects.requireNonNull(contents, "contents");
        this.integrity = contents.integrity();
        this.type = Objects.requireNonNull(type, "type");
        this.level = Objects.requireNonNull(level, "level");
    }

    /** The token as it is. */
    public static ContentsClientToken of(TokenContents contents) {
        return new ContentsClientToken(contents, contents.type(), contents.level());
    }

    /** The token seen as an impersonation token at {@code level} (a virtual duplicate). */
    public static ContentsClientToken asImpersonation(TokenContents contents, ImpersonationLevel level) {
        return new ContentsClientToken(contents, TokenType.IMPERSONATION, level);
    }

    /** The token's contents as a {@link TokenState} for the token transformations (groups keep the label entry). */
    public TokenState toState() {
        return new TokenState(contents.user(), contents.groups(), contents.restrictedSids(), contents.privileges(), integrity,
                contents.mandatoryPolicy(), type, level, writeRestricted());
    }

    /** The contents rebuilt with a transformed state's user, groups, privileges and restricted SIDs. */
    public static TokenContents apply(TokenContents c, TokenState state, Luid parentTokenId, Luid modifiedId, int flags) {
        return new TokenContents(state.userEntry(), state.groups(), state.privileges(), c.owner(), c.primaryGroup(),
                c.defaultDacl(), c.source(), c.type(), c.level(), c.authenticationId(), parentTokenId, c.origin(), modifiedId,
                c.expirationTime(), c.sessionId(), c.mandatoryPolicy(), state.restrictedSids(), c.elevationType(), c.elevated(),
                c.linkedToken(), flags);
    }

    @Override
    public Sid user() {
        return contents.user().sid();
    }

    @Override
    public int userAttributes() {
        return contents.user().attributes();
    }

    @Override
    public int groupCount() {
        return contents.groups().size();
    }

    @Override
    public Sid groupSid(int index) {
        return contents.groups().get(index).sid();
    }

    @Override
    public int groupAttributes(int index) {
        return contents.groups().get(index).attributes();
    }

    @Override
    public int restrictedSidCount() {
        return contents.restrictedSids().size();
    }

    @Override
    public Sid restrictedSid(int index) {
        return contents.restrictedSids().get(index).sid();
    }

    @Override
    public int privilegeCount() {
        return contents.privileges().size();
    }

    @Override
    public Luid privilegeLuid(int index) {
        return contents.privileges().get(index).luid();
    }

    @Override
    public int privilegeAttributes(int index) {
        return contents.privileges().get(index).attributes();
    }

    @Override
    public Sid integrityLevel() {
        return integrity;
    }

    @Override
    public int mandatoryPolicy() {
        return contents.mandatoryPolicy();
    }

    @Override
    public TokenType type() {
        return type;
    }

    @Override
    public ImpersonationLevel level() {
        return level;
    }

    @Override
    public boolean writeRestricted() {
        return (contents.flags() & TokenObject.FLAG_WRITE_RESTRICTED) != 0;
    }
}
