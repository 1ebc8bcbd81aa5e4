/**
 * The errors the emulator answers, as the published page and protocol.md name them. The status of a code
 * lives in one table (looked up through the `statusFor` seam at render time) so that a mutant can move a
 * status without touching the rule that raised the code.
 */
export class ApiError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** The page's messages, verbatim, and the gateway's for the common codes. */
const MESSAGES: Readonly<Record<string, string>> = {
  // request shape (page)
  'InvalidDiskIds.NotInSameZone': 'The specified disks are not in the same availability zone.',
  'MissingParamter.InstanceId': 'The specified InstanceId should not be null.',
  'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict':
    "The use of parameter 'ExcludeDiskIds' and 'DiskIds' at the same time is not supported.",
  'Duplicate.TagKey': 'The Tag.N.Key contain duplicate key.',
  'InvalidTagKey.Malformed': 'The specified Tag.n.Key is not valid.',
  'InvalidTagValue.Malformed': 'The specified Tag.n.Value is not valid.',
  'InvalidRetentionDays.Malformed': 'The specified RetentionDays is not valid.',
  'DiskCategory.OperationNotSupported':
    'The operation is not supported to the specified disk due to its disk category.',
  'InvalidParameter.Name': 'The specified Name is invalid.',
  'InvalidParameter.Description': 'The specified Description is invalid.',
  IncorrectInstanceStatus: 'The current status of the resource does not support this operation.',
  // disk, instance and account state (page)
  'IncorrectDiskStatus.CreatingSnapshot': 'A previous snapshot creation is in process.',
  InstanceLockedForSecurity: 'The disk attached instance is locked due to security.',
  'IncorrectDiskStatus.NeverAttached': 'The specified disk has never been attached to any instance.',
  'QuotaExceed.Snapshot': 'The snapshot quota exceeds.',
  'IncorrectDiskStatus.NeverUsed': 'The specified disk has never been used after creating.',
  DiskInArrears: 'The specified operation is denied as your disk has expired.',
  IncorrectDiskStatus: 'The current disk status does not support this operation.',
  'InvalidAccountStatus.NotEnoughBalance': 'Your account does not have enough balance.',
  'InvalidAccountStatus.SnapshotServiceUnavailable': 'Snapshot service has not been opened yet.',
  IdempotentParameterMismatch: 'The specified clientToken is used.',
  'IncorrectDiskStatus.Invalid': 'The specified disk status invalid, restart instance and try again.',
  'IncorrectDiskStatus.Transferring':
    'The specified device is transferring, you can retry after the process is finished.',
  'InvalidParameter.KMSKeyId.CMKNotEnabled': 'The CMK needs to be enabled.',
  'InvalidParameter.KMSKeyId.KMSUnauthorized': 'ECS service have no right to access your KMS.',
  IdempotentProcessing: 'The previous idempotent request(s) is still processing.',
  'QuotaExceed.Tags': 'The number of specified tags exceeds the upper limit.',
  'InvalidOperation.Unauthorized': 'The specified operation is unauthorized.',
  'InvalidRegion.NotSupportSnapshotInstantAccessRegion':
    'The snapshot InstantAccess is not supported for this region.',
  'IncorrectDiskStatus.TooManyCreatingSnapshots': 'The specified disk has too many unfinished snapshots.',
  'InvalidRegion.NotSupport': 'The specified region does not support creating snapshot group.',
  UserNotInTheWhiteList: 'The user is not in the white list of creating snapshot group.',
  'InvalidInstance.NoDisk': 'There is no disk mounted on the instance.',
  'NumberExceed.TooManyDisks': 'The number of all disks in the request exceeds.',
  'CapacityExceed.TooManyDisks': 'The capacity of all disks in the request exceeds.',
  'InvalidOperation.MultiAttachDisk': 'Multi attach disk does not support this operation.',
  'InvalidParameter.KMSKeyId.CMKUnauthorized': 'The CMK needs to be added ECS tag.',
  'InvalidDiskId.NotFound': 'The specified DiskId does not exist.',
  'InvalidInstanceId.NotFound': 'The specified InstanceId does not exist.',
  'InvalidRegionId.NotFound': 'The specified RegionId does not exist.',
  InternalError: 'The request processing has failed due to some unknown error.',
  // support operations (not on the page: the emulator's choice, see README)
  'InvalidSnapshotGroupId.NotFound': 'The specified SnapshotGroupId does not exist.',
  // gateway / common (protocol.md section 4)
  MissingParameter: 'A mandatory parameter is not supplied.',
  InvalidParameter: 'A parameter is not valid.',
  IncompleteSignature: 'The request signature does not conform to Aliyun standards.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  'InvalidTimeStamp.Format': 'Specified time stamp or date value is not well formatted.',
  'InvalidTimeStamp.Expired': 'Specified time stamp or date value is expired.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  InvalidSignatureMethod: 'Specified signature method is not supported.',
  'InvalidAction.NotFound': 'Specified api is not found, please check your url and method.',
  'InvalidApi.NotFound': 'Specified api is not found, please check your url and method.',
  UnsupportedHTTPMethod: 'This http method is not supported.',
  RequestTimeout: 'The request was not received in time.',
};

/**
 * Where the page (or the skeleton) offers several statuses for one code, the choice is noted here and in
 * README; the page wins over protocol.md's common list.
 */
const STATUSES: Readonly<Record<string, number>> = {
  'InvalidDiskIds.NotInSameZone': 400,
  'MissingParamter.InstanceId': 400,
  'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict': 400,
  'Duplicate.TagKey': 400,
  'InvalidTagKey.Malformed': 400,
  'InvalidTagValue.Malformed': 400,
  'InvalidRetentionDays.Malformed': 400,
  'DiskCategory.OperationNotSupported': 400,
  'InvalidParameter.Name': 400,
  'InvalidParameter.Description': 400,
  IncorrectInstanceStatus: 400,
  'IncorrectDiskStatus.CreatingSnapshot': 403,
  InstanceLockedForSecurity: 403,
  'IncorrectDiskStatus.NeverAttached': 403,
  'QuotaExceed.Snapshot': 403,
  'IncorrectDiskStatus.NeverUsed': 403,
  DiskInArrears: 403,
  IncorrectDiskStatus: 403,
  'InvalidAccountStatus.NotEnoughBalance': 403,
  'InvalidAccountStatus.SnapshotServiceUnavailable': 403,
  IdempotentParameterMismatch: 403,
  'IncorrectDiskStatus.Invalid': 403,
  'IncorrectDiskStatus.Transferring': 403,
  'InvalidParameter.KMSKeyId.CMKNotEnabled': 403,
  'InvalidParameter.KMSKeyId.KMSUnauthorized': 403,
  IdempotentProcessing: 403,
  'QuotaExceed.Tags': 403,
  'InvalidOperation.Unauthorized': 403,
  'InvalidRegion.NotSupportSnapshotInstantAccessRegion': 403,
  'IncorrectDiskStatus.TooManyCreatingSnapshots': 403,
  'InvalidRegion.NotSupport': 403,
  UserNotInTheWhiteList: 403,
  'InvalidInstance.NoDisk': 403,
  'NumberExceed.TooManyDisks': 403,
  'CapacityExceed.TooManyDisks': 403,
  'InvalidOperation.MultiAttachDisk': 403,
  'InvalidParameter.KMSKeyId.CMKUnauthorized': 403,
  'InvalidDiskId.NotFound': 404,
  'InvalidInstanceId.NotFound': 404,
  'InvalidRegionId.NotFound': 404,
  'InvalidSnapshotGroupId.NotFound': 404,
  InternalError: 500,
  MissingParameter: 400,
  InvalidParameter: 400,
  IncompleteSignature: 400,
  'InvalidAccessKeyId.NotFound': 404,
  SignatureDoesNotMatch: 400,
  'InvalidTimeStamp.Format': 400,
  'InvalidTimeStamp.Expired': 400,
  SignatureNonceUsed: 400,
  InvalidSignatureMethod: 400,
  'InvalidAction.NotFound': 404,
  'InvalidApi.NotFound': 404,
  UnsupportedHTTPMethod: 403,
  RequestTimeout: 408,
};

/** Unknown codes (a mutant's invention) answer 400 rather than failing. */
export const defaultStatusFor = (code: string): number => STATUSES[code] ?? 400;

export const apiError = (code: string, message?: string): ApiError =>
  new ApiError(code, message ?? MESSAGES[code] ?? code);

export const missingParameter = (name: string): ApiError =>
  new ApiError(
    'MissingParameter',
    `The input parameter "${shown(name)}" that is mandatory for processing this request is not supplied.`,
  );

/** Parameter names come from the client: keep them short in messages. */
const shown = (name: string): string => (name.length > 64 ? `${name.slice(0, 64)}...` : name);

export const invalidParameter = (name: string, why: string): ApiError =>
  new ApiError('InvalidParameter', `The specified parameter "${shown(name)}" is not valid: ${why}.`);
