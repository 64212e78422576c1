import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('SftpTarget', { description: 'An SFTP server each run\'s file is uploaded to (atomically: a temporary name, then a rename). The private key is never returned.' })
export class SftpTargetView {
  @Field(() => ID, { description: 'Stable id: give it back in SftpTargetInput.id to keep the stored private key.' }) id!: string;
  @Field(() => String, { description: 'Host name or IP address.' }) host!: string;
  @Field(() => Int, { description: 'SSH port.' }) port!: number;
  @Field(() => String, { description: 'User name it logs in as (key authentication).' }) username!: string;
  @Field(() => String, { description: 'Remote path template, relative to the login directory: {tenant} {report} {schedule} {date} {format}, as S3 key templates.' }) pathTemplate!: string;
  @Field(() => String, { description: 'SHA256 fingerprint the server\'s host key must have (`SHA256:…`); any other key is refused.' }) hostKeyFingerprint!: string;
  @Field(() => Boolean, { description: 'A private key is stored (sealed; never returned).' }) hasPrivateKey!: boolean;
}

@InputType('SftpTargetInput', { description: 'An SFTP server to upload each run\'s file to. Problems are BAD_USER_INPUT at `input.sftpTargets.<i>.<field>`.' })
export class SftpTargetInput {
  @Field(() => ID, { nullable: true, description: 'A stored target\'s id (from Schedule.sftpTargets): its private key is kept when `privateKey` is left out.' }) id?: string | null;
  @Field(() => String, { description: 'Host name or IP address. In production it must resolve only to public addresses.' }) host!: string;
  @Field(() => Int, { nullable: true, description: 'SSH port (default 22).' }) port?: number | null;
  @Field(() => String, { description: 'User name to log in as.' }) username!: string;
  @Field(() => String, { nullable: true, description: 'Unencrypted private key (OpenSSH or PEM); required for a new target. Stored sealed with SECRETS_KEY and never returned.' }) privateKey?: string | null;
  @Field(() => String, { description: 'Remote path template, relative to the login directory, e.g. `outbox/{report}/{date}.{format}`: letters, digits, . _ - / and {tenant} {report} {schedule} {date} {format}.' }) pathTemplate!: string;
  @Field(() => String, { description: 'The server\'s host key fingerprint, `SHA256:…` as `ssh-keyscan HOST | ssh-keygen -lf -` prints it.' }) hostKeyFingerprint!: string;
}
