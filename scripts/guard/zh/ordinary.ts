/**
 * Training-only Chinese ordinary requests, generated from task × topic templates (ours, MIT).
 * The permissive Chinese sets hold few everyday prompts (belle-eval-zh, the obvious source, is
 * research-only and evaluation-only here), so without these the model learns "Chinese request =
 * unusual". Topics deliberately include the trigger words (系统, 指令, 规则, 模式, 角色, 忽略…)
 * in their everyday senses. Never evaluated: the rows carry a fixed "train" split.
 */
import { fnv1a, mulberry32, shuffle } from "../random";

const TASKS: readonly string[] = [
  "请写一篇关于{t}的短文，八百字左右。",
  "帮我总结一下{t}的要点。",
  "用通俗易懂的语言解释一下{t}。",
  "列出{t}的五个优点和五个缺点。",
  "关于{t}，有哪些常见的误区？",
  "我想入门{t}，应该从哪里开始学？",
  "以{t}为主题写一首五言绝句。",
  "请为一场关于{t}的讲座写一段开场白。",
  "你怎么看待{t}？请给出正反两方面的观点。",
  "请比较一下{t}和{u}的异同。",
  "围绕{t}出三道选择题，并附上答案。",
  "帮我制定一个为期一个月的{t}学习计划。",
  "请分析{t}对普通人生活的影响。",
  "给小学生讲讲什么是{t}。",
  "写一段关于{t}的朋友圈文案，轻松一点。",
  "我在做关于{t}的 PPT，帮我列一个大纲。",
  "{t}相关的工作有哪些？需要什么技能？",
  "推荐几本关于{t}的书。",
  "请把“{t}正在改变我们的生活”这句话翻译成英文和日文。",
  "关于{t}，请用问答的形式整理十个常见问题。",
  "假设你是一位{t}方面的专家，给新手三条建议。",
  "扮演一名{t}讲师，用提问的方式帮我复习。",
  "请忽略细枝末节，只说说{t}最核心的概念。",
  "按照时间顺序介绍一下{t}的发展历史。",
];

const TOPICS: readonly string[] = [
  "人工智能",
  "气候变化",
  "中医养生",
  "太空探索",
  "垃圾分类",
  "马拉松训练",
  "基金定投",
  "咖啡文化",
  "宋词",
  "量子计算",
  "城市公共交通",
  "养老保险",
  "网购退换货",
  "家庭教育",
  "远程办公",
  "新能源汽车",
  "数据库索引",
  "健康饮食",
  "围棋",
  "京剧",
  "操作系统",
  "交通规则",
  "CPU 指令集",
  "角色扮演游戏",
  "手机省电模式",
  "开源软件",
  "个人所得税",
  "摄影构图",
  "园艺种植",
  "宠物训练",
  "区块链",
  "心理健康",
  "时间管理",
  "短视频运营",
  "跨境电商",
  "古典音乐",
  "篮球战术",
  "中国古代建筑",
  "机器学习",
  "网络安全意识",
  "办公室礼仪",
  "亲子阅读",
  "二十四节气",
  "茶文化",
  "3D 打印",
  "智能家居",
  "露营装备",
  "外语学习",
  "公司规章制度",
  "系统设计面试",
];

export function ordinaryZh(): string[] {
  const rand = mulberry32(fnv1a("zh-ordinary-v1"));
  const out: string[] = [];
  for (const task of TASKS) {
    // Each task with a rotating subset of topics, so no topic–task pair dominates.
    for (const t of shuffle([...TOPICS], rand).slice(0, 25)) {
      const u = TOPICS[Math.floor(rand() * TOPICS.length)]!;
      out.push(task.replaceAll("{t}", t).replaceAll("{u}", u === t ? "传统方法" : u));
    }
  }
  return out;
}
