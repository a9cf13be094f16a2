import type { DocumentKind } from '../documents.types';

/** Realistic fields for every kind (used by unit tests, integration tests and the rendering check). */
export const SAMPLE_FIELDS: Record<DocumentKind, Record<string, unknown>> = {
  receipt: {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemCode: 'TJ-SCJG-001',
    itemName: '食品经营许可',
    receivedOn: '2026-11-23',
    promisedLimitDays: 5,
    materials: [
      { name: '食品经营许可申请书', form: 'original', copies: 1 },
      { name: '营业执照', form: 'copy', copies: 1 },
    ],
    legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
  },
  'correction-notice': {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '食品经营许可',
    correctionDeadline: '2026-12-04',
    materials: [
      { code: 'M02', name: '营业执照', reason: '未提交 (missing)' },
      { code: 'M03', name: '经营场所平面图', reason: '未标注操作间面积，请补充标注后提交' },
      { code: 'M05', name: '法定代表人身份证明', reason: '复印件不清晰' },
    ],
  },
  acceptance: {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '食品经营许可',
    acceptedOn: '2026-11-23',
    promisedDue: '2026-11-30',
    legalDue: '2026-12-21',
  },
  rejection: {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '建设工程规划许可',
    reason: '申请事项不属于本机关职权范围',
    redirectTo: '天津市规划和自然资源局和平分局',
  },
  'decision-grant': {
    applicantSubject: 'enterprise:91120101MA05TEST0X',
    applicantName: '天津市和平区示例餐饮有限公司',
    itemName: '食品经营许可',
    reasons: ['申请材料齐全，符合法定形式', '经现场核查，经营场所符合要求'],
    licenceNumber: 'JY11201010012345',
    validUntil: '2031-11-22',
    legalBasis: ['《食品经营许可和备案管理办法》第十一条'],
  },
  'decision-refusal': {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '食品经营许可',
    reasons: ['经营场所与污染源的距离不足二十五米，不符合《食品经营许可和备案管理办法》第十二条的规定'],
  },
  'fee-notice': {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '不动产登记',
    noticeNumber: 'JF2026112300000001',
    paymentReference: '12026112300000000018',
    lines: [
      {
        name: '不动产登记费（住宅）',
        amountFen: 8000,
        legalBasis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
      },
    ],
    totalFen: 8000,
    payBy: '2026-12-07',
  },
  'gap-commitment': {
    applicantSubject: 'citizen:u-zhang',
    applicantName: '张三丰',
    itemName: '食品经营许可',
    acceptedOn: '2026-11-23',
    missingMaterials: [{ name: '健康证明', dueDate: '2027-01-22' }],
  },
};
